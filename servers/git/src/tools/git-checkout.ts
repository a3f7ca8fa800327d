import { conflict, invalidInput, notFound, structured, z } from '@bastion-mcp/runtime';
import { blockedByChanges, currentBranch, gitRun, lookup, short } from '../lib/branching.js';
import { repoPathField } from '../lib/fields.js';
import { refName } from '../lib/refs.js';
import { openRepo } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitCheckout = tool({
  name: 'git_checkout',
  title: 'Switch branches',
  description:
    'Switch to an existing branch (git switch). Uncommitted changes are carried over unless they would be overwritten, in which case nothing changes. A name that exists only as one remote branch (origin/<name>) creates a local branch tracking it.',
  kind: 'write',
  input: z.object({
    repo_path: repoPathField,
    branch_name: z.string().describe('The branch to switch to (list them with git_branch)'),
  }),
  output: z.object({
    branch: z.string().describe('The branch now checked out'),
    previous: z.string().nullable().describe('The branch checked out before, or null if HEAD was detached'),
    commit: z.string().describe('Full hash of the commit now checked out'),
    created: z.boolean().describe('True when a local branch was created from a remote branch of that name'),
    upstream: z.string().optional().describe('The branch it tracks, if any'),
  }),
  async handle(input, ctx) {
    const name = refName(input.branch_name, 'branch_name');
    const repo = await openRepo(ctx, input.repo_path);
    const previous = await currentBranch(repo);
    const existed = Boolean(await lookup(repo, `refs/heads/${name}`));
    await gitRun(repo, ['switch', '--end-of-options', name], (message) => refine(message, name));
    const commit = await lookup(repo, 'HEAD');
    const upstream = (
      await gitRun(repo, ['for-each-ref', '--format=%(upstream:short)', `refs/heads/${name}`])
    ).trim();
    const notes = [
      previous === name ? `Already on '${name}'` : `Switched to branch '${name}'`,
      !existed ? `, created from ${upstream || 'a remote branch'}` : '',
      ` (${short(commit)})`,
      upstream && existed ? `, tracking ${upstream}` : '',
      '.',
    ];
    return structured(
      { branch: name, previous, commit, created: !existed, ...(upstream ? { upstream } : {}) },
      notes.join(''),
    );
  },
});

const BUSY: Record<string, string> = {
  merging: 'merge',
  rebasing: 'rebase',
  reverting: 'revert',
  'cherry-picking': 'cherry-pick',
};

function refine(message: string, name: string) {
  const blocked = blockedByChanges(message, `Switching to '${name}'`);
  if (blocked) return blocked;
  if (/invalid reference|did not match any/.test(message)) {
    return notFound(
      `branch_name "${name}" is not a branch of this repository (nor of exactly one remote).`,
      'List branches with git_branch, or create it with git_create_branch.',
    );
  }
  if (/a branch is expected/.test(message)) {
    return invalidInput(
      `branch_name "${name}" is a tag or commit, not a branch.`,
      'Pass a branch name; to work from a tag, create a branch from it with git_create_branch.',
    );
  }
  const word = /cannot switch branch while ([\w-]+)/.exec(message)?.[1];
  const busy = word ? (BUSY[word] ?? word) : undefined;
  if (busy || /resolve your current index/.test(message)) {
    return conflict(
      `Cannot switch to '${name}' while ${busy ? `a ${busy} is in progress` : 'files have unresolved conflicts'}.`,
      'Finish it (resolve the files git_status lists, git_add and git_commit) or abort it (a merge: git_merge with abort: true).',
    );
  }
  if (/already checked out|already used by worktree/.test(message)) {
    return conflict(
      `'${name}' is checked out in another worktree.`,
      'Work on it there, or pick another branch.',
    );
  }
  return undefined;
}

import { conflict, invalidInput, structured, z } from '@bastion-mcp/runtime';
import { gitRun, lookup, resolveCommit, short } from '../lib/branching.js';
import { repoPathField } from '../lib/fields.js';
import { refName, revision } from '../lib/refs.js';
import { openRepo } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitCreateBranch = tool({
  name: 'git_create_branch',
  title: 'Create a branch',
  description:
    'Create a new branch from an optional base (a branch, tag or commit; default: the current commit). Does not switch to it: use git_checkout.',
  kind: 'write',
  input: z.object({
    repo_path: repoPathField,
    branch_name: z.string().describe('Name of the new branch, e.g. feature/login-form'),
    base_branch: z
      .string()
      .optional()
      .describe('Where the branch starts: a branch, tag or commit (default: the current HEAD)'),
  }),
  output: z.object({
    branch: z.string().describe('The new branch'),
    base: z.string().describe('The base it was created from'),
    commit: z.string().describe('Full hash of the commit it points to'),
    upstream: z.string().optional().describe('The branch it tracks (set when the base is a remote branch)'),
  }),
  async handle(input, ctx) {
    const name = refName(input.branch_name, 'branch_name');
    const base = input.base_branch === undefined ? 'HEAD' : revision(input.base_branch, 'base_branch');
    const repo = await openRepo(ctx, input.repo_path);
    const commit = await resolveCommit(repo, base, 'base_branch');
    const existing = await lookup(repo, `refs/heads/${name}`);
    if (existing) {
      throw conflict(
        `A branch named "${name}" already exists (at ${short(existing)}); nothing was created.`,
        'Pick another branch_name, or switch to the existing branch with git_checkout.',
      );
    }
    await gitRun(repo, ['branch', '--end-of-options', name, base], (message) =>
      /is not a valid branch name/.test(message)
        ? invalidInput(`branch_name "${name}" is not a valid branch name for git.`, 'Choose another name.')
        : undefined,
    );
    const upstream = (
      await gitRun(repo, ['for-each-ref', '--format=%(upstream:short)', `refs/heads/${name}`])
    ).trim();
    const from = input.base_branch ?? 'the current HEAD';
    return structured(
      { branch: name, base: base, commit, ...(upstream ? { upstream } : {}) },
      `Created branch '${name}' at ${short(commit)} from '${from}'${upstream ? `, tracking ${upstream}` : ''}. Switch to it with git_checkout.`,
    );
  },
});

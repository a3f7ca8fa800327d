import { conflict, invalidInput, notFound, structured, ToolError, z } from '@bastion-mcp/runtime';
import { gitRun, short } from '../lib/branching.js';
import { headCommit } from '../lib/changes.js';
import { repoPathField } from '../lib/fields.js';
import { refName } from '../lib/refs.js';
import { checkedRemote, currentBranchOrFail, remoteField } from '../lib/remotes.js';
import { openRepo, type Repo } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitPull = tool({
  name: 'git_pull',
  title: 'Pull from a remote',
  description:
    "Fetch a branch from a configured remote and bring the current branch up to it (fetch, then merge). Fast-forward only by default (never creates a merge commit); ff_only: false merges when the histories have diverged. Never rebases. In the 'remote' toolset.",
  kind: 'write',
  openWorld: true,
  toolset: 'remote',
  input: z.object({
    repo_path: repoPathField,
    remote: remoteField,
    branch: z
      .string()
      .optional()
      .describe("The remote's branch to pull (default: the current branch's upstream)"),
    ff_only: z
      .boolean()
      .default(true)
      .describe(
        'Refuse unless the current branch can simply move forward (default true); false merges when the histories have diverged',
      ),
  }),
  output: z.object({
    branch: z.string().describe('The local branch that was updated'),
    remote: z.string().describe('The remote pulled from'),
    before: z.string().nullable().describe('Hash of the branch before (null if it had no commits)'),
    after: z.string().nullable().describe('Hash of the branch after'),
    commits: z.number().describe('Commits the branch gained'),
    merged: z.boolean().describe('True when a merge commit was created'),
  }),
  async handle(input, ctx) {
    const branch = input.branch === undefined ? undefined : refName(input.branch, 'branch');
    const repo = await openRepo(ctx, input.repo_path);
    const local = await currentBranchOrFail(repo, 'a branch to check out first (git_checkout)');
    const remote = await checkedRemote(ctx, repo, input.remote, 'fetch');
    const from = branch ?? (await upstreamBranch(repo, local, remote));
    const before = await headCommit(repo);
    // Not `git pull`: in git 2.39 it hands remote and branch to fetch without --end-of-options.
    // fetch and merge each honour it, so nothing here can ever be read as an option.
    await gitRun(repo, [
      'fetch',
      '--quiet',
      '--no-recurse-submodules',
      '--end-of-options',
      remote,
      from,
    ]).catch((error: unknown) => {
      throw refine(error, remote, from);
    });
    const mode = input.ff_only ? ['--ff-only'] : ['--ff', '--no-edit'];
    const merge = await gitRun(repo, ['merge', ...mode, '--end-of-options', 'FETCH_HEAD']).catch(
      (error: unknown) => {
        throw refine(error, remote, from);
      },
    );
    // A conflicted merge exits 1 with its report on stdout only, which simple-git takes as success.
    if ((await gitRun(repo, ['rev-parse', '-q', '--verify', 'MERGE_HEAD'])).trim())
      throw refine(new ToolError('upstream', `CONFLICT ${merge}`), remote, from);
    const after = await headCommit(repo);
    const range = before ? [`${before}..${after}`] : [after ?? 'HEAD'];
    const commits =
      after && after !== before ? Number((await gitRun(repo, ['rev-list', '--count', ...range])).trim()) : 0;
    const parents = after
      ? (await gitRun(repo, ['rev-list', '--parents', '-n', '1', after])).trim().split(' ')
      : [];
    const merged = after !== before && parents.length > 2;
    const source = `${remote}/${from}`;
    return structured(
      { branch: local, remote, before, after, commits, merged },
      after === before
        ? `${local} is already up to date with ${source}.`
        : `Pulled ${source} into ${local}: ${short(before)}..${short(after)}, ${commits} new commit(s)${merged ? ', merged' : ', fast-forward'}.`,
    );
  },
});

/** The branch of `remote` that `local` tracks; without one, the caller must name a branch. */
async function upstreamBranch(repo: Repo, local: string, remote: string): Promise<string> {
  const config = (key: string) =>
    gitRun(repo, ['config', '--get', `branch.${local}.${key}`]).then((v) => v.trim());
  const [tracked, merge] = [await config('remote'), await config('merge')];
  if (tracked !== remote || !merge.startsWith('refs/heads/')) {
    throw invalidInput(
      `${local} has no upstream branch on remote "${remote}", so there is nothing to pull by default.`,
      'Pass branch: the name of the branch on the remote to pull.',
    );
  }
  return merge.slice('refs/heads/'.length);
}

function refine(error: unknown, remote: string, branch: string): unknown {
  if (!(error instanceof ToolError)) return error;
  const message = error.message;
  if (/Not possible to fast-forward|not possible to fast-forward|diverg/.test(message)) {
    return conflict(
      `The current branch and ${remote}/${branch} have diverged, so a fast-forward is not possible.`,
      'Pass ff_only: false to merge them, or inspect both with git_log first.',
    );
  }
  if (/CONFLICT|Automatic merge failed/.test(message)) {
    return conflict(
      'The merge stopped on conflicting changes; the files are left with conflict markers.',
      'Resolve them (git_status lists them), then git_add and git_commit; or abort the merge (git_merge with abort: true).',
    );
  }
  if (/would be overwritten/.test(message))
    return conflict('Uncommitted changes would be overwritten by the pull.', 'Commit or stash them first.');
  if (/couldn't find remote ref/.test(message))
    return notFound(
      `branch "${branch}" does not exist on remote "${remote}".`,
      'Check the name with git_branch (remote).',
    );
  return error;
}

import { accessDenied, conflict, notFound, structured, ToolError, z } from '@bastion-mcp/runtime';
import { gitRun } from '../lib/branching.js';
import { repoPathField } from '../lib/fields.js';
import { refName } from '../lib/refs.js';
import { checkedRemote, currentBranchOrFail, remoteField } from '../lib/remotes.js';
import { openRepo } from '../lib/repo.js';
import { tool } from '../tool.js';

const STATUS: Record<string, string> = {
  ' ': 'fast_forward',
  '+': 'forced',
  '*': 'new',
  '=': 'up_to_date',
  '-': 'deleted',
  '!': 'rejected',
};

export const gitPush = tool({
  name: 'git_push',
  title: 'Push to a remote',
  description:
    "Push a local branch to the branch of the same name on a configured remote. force needs the server to be started with --allow-force-push, and even then uses --force-with-lease (it fails if the remote moved since the last fetch). In the 'remote' toolset.",
  kind: 'write',
  openWorld: true,
  toolset: 'remote',
  input: z.object({
    repo_path: repoPathField,
    remote: remoteField,
    branch: z.string().optional().describe('The local branch to push (default: the current branch)'),
    set_upstream: z
      .boolean()
      .default(false)
      .describe('Make the pushed branch the upstream of the local one (-u)'),
    force: z
      .boolean()
      .default(false)
      .describe(
        'Overwrite the remote branch (with lease); refused unless the server runs with --allow-force-push',
      ),
  }),
  output: z.object({
    remote: z.string().describe('The remote pushed to'),
    branch: z.string().describe('The local branch pushed'),
    ref: z.string().describe('The ref updated on the remote'),
    status: z.string().describe('new, fast_forward, forced or up_to_date'),
    summary: z.string().describe("git's summary, e.g. 1a2b3c4..5d6e7f8"),
    upstream: z.string().optional().describe('The upstream now set, when set_upstream was true'),
  }),
  async handle(input, ctx) {
    if (input.force && !ctx.state.allowForcePush) {
      throw accessDenied(
        'force pushing is disabled on this server.',
        'The operator must start the server with --allow-force-push to allow it; otherwise integrate the remote changes (git_pull) and push without force.',
      );
    }
    const named = input.branch === undefined ? undefined : refName(input.branch, 'branch');
    const repo = await openRepo(ctx, input.repo_path);
    const branch = named ?? (await currentBranchOrFail(repo, 'branch'));
    const remote = await checkedRemote(ctx, repo, input.remote, 'push');
    const ref = `refs/heads/${branch}`;
    const out = await gitRun(repo, [
      'push',
      '--porcelain',
      '--no-recurse-submodules',
      ...(input.set_upstream ? ['--set-upstream'] : []),
      ...(input.force ? ['--force-with-lease'] : []),
      '--end-of-options',
      remote,
      `${ref}:${ref}`,
    ]).catch((error: unknown) => {
      throw refine(error, remote, branch, input.force);
    });
    const line = out.split('\n').find((l) => /^.\t/.test(l)) ?? '';
    const [flag = ' ', , summary = ''] = line.split('\t');
    const status = STATUS[flag] ?? 'fast_forward';
    const upstream = input.set_upstream ? `${remote}/${branch}` : undefined;
    return structured(
      { remote, branch, ref, status, summary, ...(upstream ? { upstream } : {}) },
      `Pushed ${branch} to ${remote}: ${status.replace(/_/g, ' ')} (${summary})${upstream ? `; ${branch} now tracks ${upstream}` : ''}.`,
    );
  },
});

function refine(error: unknown, remote: string, branch: string, force: boolean): unknown {
  if (!(error instanceof ToolError)) return error;
  const message = error.message;
  if (/src refspec .* does not match any/.test(message))
    return notFound(`branch "${branch}" does not exist locally.`, 'List branches with git_branch.');
  if (/stale info/.test(message)) {
    return conflict(
      `${remote}/${branch} moved since the last fetch, so the forced push was refused (--force-with-lease).`,
      'Fetch (git_fetch), review what the remote has, then push again.',
    );
  }
  if (/\[rejected\]/.test(message)) {
    return conflict(
      `${remote} rejected the push of ${branch}: the remote branch has commits this branch does not.`,
      force
        ? 'Fetch (git_fetch) and review the remote branch, then push again.'
        : 'Pull them first (git_pull), then push again.',
    );
  }
  return error;
}

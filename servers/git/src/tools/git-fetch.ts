import { notFound, structured, ToolError, z } from '@bastion-mcp/runtime';
import { gitRun, short } from '../lib/branching.js';
import { repoPathField } from '../lib/fields.js';
import { refName } from '../lib/refs.js';
import { checkedRemote, refSnapshot, remoteField } from '../lib/remotes.js';
import { openRepo } from '../lib/repo.js';
import { tool } from '../tool.js';

const update = z.object({
  ref: z.string().describe('The local ref that changed, e.g. refs/remotes/origin/main or refs/tags/v1.0'),
  change: z.enum(['new', 'updated', 'deleted']).describe('What happened to it'),
  old: z.string().nullable().describe('Hash before the fetch (null if new)'),
  new: z.string().nullable().describe('Hash after the fetch (null if deleted)'),
});

export const gitFetch = tool({
  name: 'git_fetch',
  title: 'Fetch from a remote',
  description:
    "Download commits, branches and tags from a configured remote into its remote-tracking branches (origin/main, ...); the working tree and local branches are not touched. Only remotes whose URLs pass the server's transport policy are used. In the 'remote' toolset.",
  kind: 'write',
  openWorld: true,
  toolset: 'remote',
  input: z.object({
    repo_path: repoPathField,
    remote: remoteField,
    branch: z.string().optional().describe('Fetch only this branch of the remote (default: all of them)'),
  }),
  output: z.object({
    remote: z.string().describe('The remote fetched from'),
    updated: z.array(update).describe('Remote-tracking branches and tags that changed'),
  }),
  async handle(input, ctx) {
    const branch = input.branch === undefined ? undefined : refName(input.branch, 'branch');
    const repo = await openRepo(ctx, input.repo_path);
    const remote = await checkedRemote(ctx, repo, input.remote, 'fetch');
    const prefixes = [`refs/remotes/${remote}/`, 'refs/tags/'];
    const before = await refSnapshot(repo, prefixes);
    await gitRun(repo, [
      'fetch',
      '--quiet',
      '--no-recurse-submodules',
      '--end-of-options',
      remote,
      ...(branch ? [branch] : []),
    ]).catch((error: unknown) => {
      if (branch && error instanceof ToolError && /couldn't find remote ref/.test(error.message))
        throw notFound(
          `branch "${branch}" does not exist on remote "${remote}".`,
          'Omit branch to fetch them all.',
        );
      throw error;
    });
    const after = await refSnapshot(repo, prefixes);
    const updated: z.output<typeof update>[] = [];
    for (const [ref, hash] of after) {
      const old = before.get(ref) ?? null;
      if (old !== hash) updated.push({ ref, change: old ? 'updated' : 'new', old, new: hash });
    }
    for (const [ref, hash] of before)
      if (!after.has(ref)) updated.push({ ref, change: 'deleted', old: hash, new: null });
    const lines = updated.map(
      (u) =>
        `  ${u.change}: ${u.ref.replace(/^refs\/(remotes\/|tags\/)?/, '')} ${short(u.old)}..${short(u.new)}`,
    );
    return structured(
      { remote, updated },
      updated.length
        ? [`Fetched from ${remote}: ${updated.length} ref(s) changed.`, ...lines].join('\n')
        : `Fetched from ${remote}: already up to date.`,
    );
  },
});

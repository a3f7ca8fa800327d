import { isToolError, notFound, structured, z } from '@bastion-mcp/runtime';
import { gitRun } from '../lib/branching.js';
import { repoPathField } from '../lib/fields.js';
import { stripCredentials } from '../lib/redact.js';
import { openRepo, type Repo } from '../lib/repo.js';
import { tool } from '../tool.js';

const remote = z.object({
  name: z.string().describe('Remote name, e.g. origin'),
  fetch_url: z.string().nullable().describe('URL fetched from (credentials removed), or null if none is set'),
  push_urls: z.array(z.string()).describe('URLs pushed to (credentials removed)'),
  credentials_hidden: z.boolean().describe('True when a user name, password or token was removed from a URL'),
});

export const gitRemote = tool({
  name: 'git_remote',
  title: 'List remotes',
  description:
    'List the remotes with their fetch and push URLs (as git uses them, after url.*.insteadOf). Credentials embedded in URLs are never shown.',
  kind: 'read',
  input: z.object({ repo_path: repoPathField }),
  output: z.object({ remotes: z.array(remote).describe('Remotes sorted by name') }),
  async handle(input, ctx) {
    const repo = await openRepo(ctx, input.repo_path);
    const names = (await gitRun(repo, ['remote'])).split('\n').filter(Boolean);
    const remotes = [];
    for (const name of names) {
      const fetch = (await urls(repo, name, false)).map(stripCredentials);
      const push = (await urls(repo, name, true)).map(stripCredentials);
      remotes.push({
        name,
        fetch_url: fetch[0]?.url ?? null,
        push_urls: push.map((u) => u.url),
        credentials_hidden: [...fetch, ...push].some((u) => u.stripped),
      });
    }
    const lines = remotes.flatMap((r) => [
      ...(r.fetch_url ? [`${r.name}\t${r.fetch_url} (fetch)`] : [`${r.name}\t(no URL)`]),
      ...r.push_urls.map((u) => `${r.name}\t${u} (push)`),
    ]);
    if (remotes.some((r) => r.credentials_hidden)) lines.push('(credentials embedded in URLs are hidden)');
    return structured({ remotes }, lines.join('\n') || 'No remotes.');
  },
});

/**
 * A remote's fetch or push URLs; [] when git cannot give them (no such remote, or a name that
 * simple-git's guard refuses to pass even after --end-of-options, such as "--upload-pack=...").
 */
async function urls(repo: Repo, name: string, push: boolean): Promise<string[]> {
  const args = ['remote', 'get-url', '--all', ...(push ? ['--push'] : []), '--end-of-options', name];
  const out = await gitRun(repo, args, (message) =>
    /No such remote|no URL|not permitted/i.test(message) ? notFound(message) : undefined,
  ).catch((error: unknown) => {
    if (isToolError(error) && error.kind === 'not_found') return '';
    throw error;
  });
  return out.split('\n').filter(Boolean);
}

import { structured, untrusted, z } from '@bastion-mcp/runtime';
import { bodyText } from '../lib/compact.js';
import { oneLine } from '../lib/sanitize.js';
import { gh, inRepo, listPage, pageInput, repoInput, tool } from '../tool.js';

// biome-ignore lint/suspicious/noExplicitAny: GitHub's release JSON
const compact = (r: any) => ({
  id: r.id as number,
  tag: r.tag_name as string,
  name: oneLine(r.name),
  draft: Boolean(r.draft),
  prerelease: Boolean(r.prerelease),
  published_at: r.published_at as string | null,
  author: (r.author?.login as string) ?? 'ghost',
  url: r.html_url as string,
});

export const listReleases = tool({
  name: 'list_releases',
  title: 'List releases',
  description: 'Releases of a repository, newest first.',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({ ...repoInput, ...pageInput }),
  async handle({ owner, repo, perPage, cursor }, ctx) {
    return listPage(ctx, {
      source: `releases of ${inRepo(ctx, owner, repo)}`,
      perPage,
      cursor,
      send: (api, page) => api.rest.repos.listReleases({ owner, repo, per_page: perPage, page }),
      compact,
      line: (r) => `${r.tag} ${r.name}${r.prerelease ? ' (pre-release)' : ''} ${r.published_at ?? 'draft'}`,
    });
  },
});

// biome-ignore lint/suspicious/noExplicitAny: GitHub's release JSON
function releaseResult(full: string, r: any) {
  const item = { ...compact(r), body: bodyText(r.body) };
  return structured(
    item,
    `${item.tag} ${item.name} by ${item.author}, ${item.published_at ?? 'draft'} ${item.url}${item.body ? `\n${untrusted(`release ${item.tag} of ${full}`, item.body)}` : ''}`,
  );
}

export const getLatestRelease = tool({
  name: 'get_latest_release',
  title: 'Get the latest release',
  description: 'The latest published, non-pre-release release of a repository.',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({ ...repoInput }),
  async handle({ owner, repo }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const { data } = await gh(ctx, `the latest release of ${full}`, (api) =>
      api.rest.repos.getLatestRelease({ owner, repo }),
    );
    return releaseResult(full, data);
  },
});

export const getReleaseByTag = tool({
  name: 'get_release_by_tag',
  title: 'Get a release by tag',
  description: 'The release of a tag, with its notes.',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({ ...repoInput, tag: z.string().min(1).max(255).describe('Tag name, e.g. v1.0.0') }),
  async handle({ owner, repo, tag }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const { data } = await gh(ctx, `release ${tag} of ${full}`, (api) =>
      api.rest.repos.getReleaseByTag({ owner, repo, tag }),
    );
    return releaseResult(full, data);
  },
});

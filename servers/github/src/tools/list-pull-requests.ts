import { z } from '@bastion-mcp/runtime';
import { compactPull, PULL_FIELDS } from '../lib/compact.js';
import { listResult } from '../lib/render.js';
import { fieldsField, gh, inRepo, nextCursor, pageInput, pageOf, pick, repoInput, tool } from '../tool.js';

export const listPullRequests = tool({
  name: 'list_pull_requests',
  title: 'List pull requests',
  description: 'Pull requests of a repository, a few fields each; filter by state, head and base.',
  kind: 'read',
  openWorld: true,
  toolset: 'pull_requests',
  input: z.object({
    ...repoInput,
    state: z.enum(['open', 'closed', 'all']).default('open').describe('Pull request state'),
    head: z.string().max(300).optional().describe('Only this head, as user:branch'),
    base: z.string().max(255).optional().describe('Only this base branch'),
    sort: z
      .enum(['created', 'updated', 'popularity', 'long-running'])
      .default('created')
      .describe('Sort field'),
    direction: z.enum(['asc', 'desc']).default('desc').describe('Sort direction'),
    fields: fieldsField(PULL_FIELDS),
    ...pageInput,
  }),
  async handle({ owner, repo, state, head, base, sort, direction, fields, perPage, cursor }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const page = pageOf(cursor);
    const res = await gh(ctx, `pull requests of ${full}`, (api) =>
      api.rest.pulls.list({
        owner,
        repo,
        state,
        sort,
        direction,
        per_page: perPage,
        page,
        ...(head ? { head } : {}),
        ...(base ? { base } : {}),
      }),
    );
    const items = res.data.map((p) => pick(compactPull(p), fields));
    const line = (p: Record<string, unknown>) =>
      [
        p.number !== undefined ? `#${p.number}` : '',
        p.title,
        p.state ? `[${p.state}${p.draft ? ', draft' : ''}]` : '',
        p.author ? `by ${p.author}` : '',
        p.head ? `${p.head} -> ${p.base}` : '',
        p.url,
      ]
        .filter(Boolean)
        .join(' ');
    return listResult(
      `pull requests of ${full}`,
      items,
      line,
      nextCursor(res.headers, page, items.length, perPage),
    );
  },
});

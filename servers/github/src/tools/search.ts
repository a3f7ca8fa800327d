import { z } from '@bastion-mcp/runtime';
import { COMMIT_FIELDS, compactCommit, compactRepo, REPO_FIELDS } from '../lib/compact.js';
import { confinedQuery, searchList, searchParams } from '../lib/search.js';
import { either, fieldsField, pageInput, pick, tool } from '../tool.js';

export const query = z.string().min(1).max(256).describe('GitHub search syntax');
export const queryOrQ = query.optional().describe('GitHub search syntax (required)');
export const q = z
  .string()
  .min(1)
  .max(256)
  .optional()
  .describe("Same as query (the reference server's field name)");
export const order = z.enum(['asc', 'desc']).default('desc').describe('Sort order');
export const line = (item: Record<string, unknown>) =>
  Object.values(item)
    .map((v) => (Array.isArray(v) ? v.join(',') : String(v)))
    .join(' ');

export const searchCode = tool({
  name: 'search_code',
  title: 'Search code',
  description:
    'Search file contents with GitHub code search syntax (e.g. "fetchUser language:ts"). Confined to --repos when set.',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({
    query: queryOrQ,
    q,
    sort: z.enum(['indexed']).optional().describe('Sort field: indexed (default best match)'),
    order,
    ...pageInput,
  }),
  async handle(input, ctx) {
    const q = confinedQuery(ctx, either(input.query, input.q, 'query'));
    return searchList(ctx, {
      what: `code search "${q}"`,
      input,
      send: (api, page) =>
        api.rest.search.code({
          q,
          per_page: input.perPage,
          page,
          ...(input.sort ? { sort: input.sort, order: input.order } : {}),
        }),
      repoOf: (i) => i.repository.full_name,
      compact: (i) => ({ repository: i.repository.full_name, path: i.path, sha: i.sha, url: i.html_url }),
      line: (i) => `${i.repository}:${i.path}`,
    });
  },
});

export const searchCommits = tool({
  name: 'search_commits',
  title: 'Search commits',
  description: 'Search commit messages (e.g. "fix crash author:alice"). Confined to --repos when set.',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({
    query,
    sort: z.enum(['author-date', 'committer-date']).optional().describe('Sort field (default best match)'),
    order,
    fields: fieldsField(COMMIT_FIELDS),
    ...pageInput,
  }),
  async handle(input, ctx) {
    const q = confinedQuery(ctx, input.query);
    return searchList(ctx, {
      what: `commit search "${q}"`,
      input,
      send: (api, page) => api.rest.search.commits(searchParams(q, input, page)),
      repoOf: (i) => i.repository.full_name,
      compact: (i) => pick({ ...compactCommit(i), repository: i.repository.full_name }, input.fields),
      line,
    });
  },
});

export const searchRepositories = tool({
  name: 'search_repositories',
  title: 'Search repositories',
  description: 'Search repositories (e.g. "mcp language:go stars:>100"). Confined to --repos when set.',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({
    query,
    sort: z
      .enum(['stars', 'forks', 'help-wanted-issues', 'updated'])
      .optional()
      .describe('Sort field (default best match)'),
    order,
    fields: fieldsField(REPO_FIELDS),
    ...pageInput,
  }),
  async handle(input, ctx) {
    const q = confinedQuery(ctx, input.query);
    return searchList(ctx, {
      what: `repository search "${q}"`,
      input,
      send: (api, page) => api.rest.search.repos(searchParams(q, input, page)),
      repoOf: (r) => r.full_name,
      compact: (r) => pick(compactRepo(r), input.fields),
      line,
    });
  },
});

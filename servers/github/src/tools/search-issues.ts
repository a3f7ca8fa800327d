import { z } from '@bastion-mcp/runtime';
import { compactIssue, ISSUE_FIELDS } from '../lib/compact.js';
import { confinedQuery, searchList, searchParams } from '../lib/search.js';
import { type Ctx, either, fieldsField, pageInput, pick, tool } from '../tool.js';
import { issueLine } from './list-issues.js';

const searchInput = {
  query: z
    .string()
    .min(1)
    .max(256)
    .optional()
    .describe('GitHub search syntax, e.g. "crash is:open label:bug" (required)'),
  q: z.string().min(1).max(256).optional().describe("Same as query (the reference server's field name)"),
  owner: z
    .string()
    .max(39)
    .optional()
    .describe('Limit to this owner (adds user:owner, or repo:owner/repo with repo)'),
  repo: z.string().max(100).optional().describe('Limit to this repository (needs owner)'),
  sort: z
    .enum(['comments', 'reactions', 'created', 'updated'])
    .optional()
    .describe('Sort field (default best match)'),
  order: z.enum(['asc', 'desc']).default('desc').describe('Sort order'),
  fields: fieldsField(ISSUE_FIELDS),
  ...pageInput,
};

async function searchIssuesOf(
  kind: 'issue' | 'pr',
  input: z.output<z.ZodObject<typeof searchInput>>,
  ctx: Ctx,
) {
  const scope = input.owner ? (input.repo ? `repo:${input.owner}/${input.repo}` : `user:${input.owner}`) : '';
  const query = either(input.query, input.q, 'query');
  const q = confinedQuery(
    ctx,
    query,
    `${/\bis:(issue|pr|pull-request)\b/.test(query) ? '' : `is:${kind}`} ${scope}`,
  );
  return searchList(ctx, {
    what: `${kind === 'pr' ? 'pull request' : 'issue'} search "${q}"`,
    input,
    send: (api, page) => api.rest.search.issuesAndPullRequests(searchParams(q, input, page)),
    repoOf: (i) => i.repository_url,
    compact: (i) =>
      pick({ ...compactIssue(i), repository: i.repository_url.split('/repos/')[1] ?? '' }, input.fields),
    line: issueLine,
  });
}

export const searchIssues = tool({
  name: 'search_issues',
  title: 'Search issues',
  description:
    'Search issues with GitHub search syntax (is:issue added). Under --repos the query is confined to the allowed repositories.',
  kind: 'read',
  openWorld: true,
  toolset: 'issues',
  input: z.object(searchInput),
  handle: (input, ctx) => searchIssuesOf('issue', input, ctx),
});

export const searchPullRequests = tool({
  name: 'search_pull_requests',
  title: 'Search pull requests',
  description:
    'Search pull requests with GitHub search syntax (is:pr added). Under --repos the query is confined to the allowed repositories.',
  kind: 'read',
  openWorld: true,
  toolset: 'pull_requests',
  input: z.object(searchInput),
  handle: (input, ctx) => searchIssuesOf('pr', input, ctx),
});

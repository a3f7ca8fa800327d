import { invalidInput, z } from '@bastion-mcp/runtime';
import { compactIssue, ISSUE_FIELDS } from '../lib/compact.js';
import { listResult } from '../lib/render.js';
import { fieldsField, gh, inRepo, nextCursor, pageInput, pageOf, pick, repoInput, tool } from '../tool.js';

export const listIssues = tool({
  name: 'list_issues',
  title: 'List issues',
  description:
    'Issues of a repository, newest first (or by orderBy/direction), a few fields each; filter by state, labels and since.',
  kind: 'read',
  openWorld: true,
  toolset: 'issues',
  input: z.object({
    ...repoInput,
    state: z
      .enum(['open', 'closed', 'all', 'OPEN', 'CLOSED', 'ALL'])
      .default('open')
      .describe('Issue state (either case, as github-mcp-server spells it too; default open)'),
    labels: z.array(z.string().min(1)).optional().describe('Only issues with all of these labels'),
    since: z
      .string()
      .datetime({ offset: true })
      .optional()
      .describe('Only issues updated at or after this ISO 8601 time'),
    orderBy: z
      .enum(['CREATED_AT', 'UPDATED_AT', 'COMMENTS'])
      .default('CREATED_AT')
      .describe('Order by creation time, last update or number of comments'),
    direction: z
      .enum(['asc', 'desc', 'ASC', 'DESC'])
      .default('desc')
      .describe('Sort direction (either case)'),
    fields: fieldsField(ISSUE_FIELDS),
    ...pageInput,
    after: z
      .string()
      .optional()
      .describe("github-mcp-server's name for cursor: the previous answer's nextCursor"),
  }),
  async handle(input, ctx) {
    const { owner, repo, labels, since, fields, perPage } = input;
    const full = inRepo(ctx, owner, repo);
    if (input.after && input.cursor)
      throw invalidInput('after and cursor were both given.', 'Pass one of them (after is the same cursor).');
    const page = pageOf(input.after ?? input.cursor);
    const res = await gh(ctx, `issues of ${full}`, (api) =>
      api.rest.issues.listForRepo({
        owner,
        repo,
        state: input.state.toLowerCase() as 'open' | 'closed' | 'all',
        direction: input.direction.toLowerCase() as 'asc' | 'desc',
        sort: SORT[input.orderBy],
        per_page: perPage,
        page,
        ...(labels?.length ? { labels: labels.join(',') } : {}),
        ...(since ? { since } : {}),
      }),
    );
    const items = res.data.map((i) => pick(compactIssue(i), fields));
    return listResult(
      `issues of ${full}`,
      items,
      (i) => issueLine(i),
      nextCursor(res.headers, page, items.length, perPage),
    );
  },
});

const SORT = { CREATED_AT: 'created', UPDATED_AT: 'updated', COMMENTS: 'comments' } as const;

export function issueLine(i: Record<string, unknown>): string {
  const parts = [
    i.number !== undefined ? `#${i.number}` : '',
    i.title ?? '',
    i.state ? `[${i.state}]` : '',
    i.author ? `by ${i.author}` : '',
  ];
  const extra = Object.entries(i)
    .filter(([k]) => !['number', 'title', 'state', 'author', 'url'].includes(k))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(',') : v}`);
  return [...parts.filter(Boolean), ...extra, ...(i.url ? [String(i.url)] : [])].join(' ');
}

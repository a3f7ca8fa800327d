import { z } from '@bastion-mcp/runtime';
import { compactIssue, ISSUE_FIELDS } from '../lib/compact.js';
import { listResult } from '../lib/render.js';
import { fieldsField, gh, inRepo, nextCursor, pageInput, pageOf, pick, repoInput, tool } from '../tool.js';

export const listIssues = tool({
  name: 'list_issues',
  title: 'List issues',
  description: 'Issues of a repository, newest first, a few fields each; filter by state, labels and since.',
  kind: 'read',
  openWorld: true,
  toolset: 'issues',
  input: z.object({
    ...repoInput,
    state: z.enum(['open', 'closed', 'all']).default('open').describe('Issue state'),
    labels: z.array(z.string().min(1)).optional().describe('Only issues with all of these labels'),
    since: z
      .string()
      .datetime({ offset: true })
      .optional()
      .describe('Only issues updated at or after this ISO 8601 time'),
    direction: z.enum(['asc', 'desc']).default('desc').describe('Sort direction (by creation time)'),
    fields: fieldsField(ISSUE_FIELDS),
    ...pageInput,
  }),
  async handle({ owner, repo, state, labels, since, direction, fields, perPage, cursor }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const page = pageOf(cursor);
    const res = await gh(ctx, `issues of ${full}`, (api) =>
      api.rest.issues.listForRepo({
        owner,
        repo,
        state,
        direction,
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

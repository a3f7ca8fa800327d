import { invalidInput, type ToolResult } from '@bastion-mcp/runtime';
import { type Ctx, gh, nextCursor, pageOf } from '../tool.js';
import type { Api } from './client.js';
import { repoOfUrl } from './policy.js';
import { listResult } from './render.js';

/**
 * The query actually sent: confined to --repos (qualifiers added, foreign ones refused) and
 * within GitHub's 256-character limit.
 */
export function confinedQuery(ctx: Ctx, query: string, extra = ''): string {
  const q = ctx.state.policy.confineQuery(`${query} ${extra}`.trim());
  if (!query.trim()) throw invalidInput('query is empty.', 'Pass search terms, e.g. "crash in:title".');
  if (q.length > 256)
    throw invalidInput(
      `the search query is ${q.length} characters once confined; GitHub takes at most 256.`,
      'Shorten the query or add a repo: qualifier for one allowed repository.',
    );
  return q;
}

/** Drops results from repositories outside --repos (the answer is checked again, never trusted). */
export function insidePolicy<T>(ctx: Ctx, items: T[], repoOf: (item: T) => string | undefined): T[] {
  if (!ctx.state.policy.restricted) return items;
  return items.filter((item) => {
    const where = repoOf(item);
    const parsed = where ? (where.includes('://') ? repoOfUrl(where) : splitFull(where)) : undefined;
    return parsed !== undefined && ctx.state.policy.allows(parsed.owner, parsed.repo);
  });
}

function splitFull(full: string) {
  const [owner, repo] = full.split('/');
  return owner && repo ? { owner, repo } : undefined;
}

interface SearchSpec<T, R extends Record<string, unknown>> {
  /** Names the search in errors and in the answer, e.g. `code search "x"`. */
  what: string;
  /** The tool's input: its page size and cursor. */
  input: { perPage: number; cursor?: string | undefined };
  /** One GitHub search call for `page`. */
  send: (
    api: Api,
    page: number,
  ) => Promise<{ data: { total_count: number; items: T[] }; headers: { link?: string | undefined } }>;
  /** The repository of an item, checked again against --repos; omitted where none (users). */
  repoOf?: (item: T) => string | undefined;
  compact: (item: T) => R;
  line: (item: R) => string;
}

/** One page of a search tool's answer: results outside --repos dropped, GitHub's total_count kept. */
export async function searchList<T, R extends Record<string, unknown>>(
  ctx: Ctx,
  spec: SearchSpec<T, R>,
): Promise<ToolResult> {
  const page = pageOf(spec.input.cursor);
  const res = await gh(ctx, spec.what, (api) => spec.send(api, page));
  const kept = spec.repoOf ? insidePolicy(ctx, res.data.items, spec.repoOf) : res.data.items;
  return listResult(
    spec.what,
    kept.map(spec.compact),
    spec.line,
    nextCursor(res.headers, page, res.data.items.length, spec.input.perPage),
    { total_count: res.data.total_count },
  );
}

/** What a search call takes: query, order, page size, page, and sort when one was asked for (best match otherwise). */
export function searchParams<S extends string>(
  q: string,
  input: { perPage: number; order: 'asc' | 'desc'; sort?: S | undefined },
  page: number,
) {
  return {
    q,
    order: input.order,
    per_page: input.perPage,
    page,
    ...(input.sort ? { sort: input.sort } : {}),
  };
}

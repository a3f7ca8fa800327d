import { invalidInput } from '@bastion-mcp/runtime';
import type { Ctx } from '../tool.js';
import { repoOfUrl } from './policy.js';

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

import {
  type AnyObjectSchema,
  decodeCursor,
  encodeCursor,
  invalidInput,
  type Tool,
  type ToolContext,
  type ToolResult,
  type ToolSpec,
  toolsFor,
  z,
} from '@bastion-mcp/runtime';
import { type Api, type GithubClient, withSignal } from './lib/client.js';
import { toToolError } from './lib/errors.js';
import type { GithubHost } from './lib/host.js';
import type { Lockdown } from './lib/lockdown.js';
import type { RepoPolicy } from './lib/policy.js';
import { listResult } from './lib/render.js';
import type { ThreadRepos } from './lib/threads.js';

/** What every GitHub handler finds in `ctx.state`. */
export interface GithubState {
  client: GithubClient;
  policy: RepoPolicy;
  host: GithubHost;
  /** Repositories of the notification threads seen so far. */
  threads: ThreadRepos;
  /** Set with --lockdown. */
  lockdown?: Lockdown | undefined;
}

export type Ctx = ToolContext<GithubState>;

const define = toolsFor<GithubState>();

/**
 * Defines a GitHub tool. github-mcp-server's users page with `page` (1-based); on the tools that
 * take it (pageInput), it becomes the cursor of that page, so every handler sees one shape.
 */
export function tool<I extends AnyObjectSchema>(spec: ToolSpec<I, GithubState>): Tool<GithubState> {
  return define({ ...spec, handle: (input, ctx) => spec.handle(pageAsCursor(input), ctx) });
}

function pageAsCursor<T>(input: T): T {
  const { page, cursor } = input as { page?: number; cursor?: string };
  if (page === undefined) return input;
  if (cursor)
    throw invalidInput(
      'page and cursor were both given.',
      'Pass cursor (from nextCursor) or page, not both.',
    );
  return { ...input, cursor: encodeCursor({ page }) };
}

export const ownerField = z.string().min(1).max(39).describe('Repository owner (user or organisation login)');
export const repoField = z.string().min(1).max(100).describe('Repository name');
export const repoInput = { owner: ownerField, repo: repoField };

export const perPageField = z
  .number()
  .int()
  .min(1)
  .max(100)
  .default(30)
  .describe('Items per page (1-100, default 30)');
export const cursorInput = z
  .string()
  .optional()
  .describe("Opaque cursor from a previous call's nextCursor; omit for the first page");
export const pageInput = {
  perPage: perPageField,
  cursor: cursorInput,
  page: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Page number (1-based), as github-mcp-server takes it; or pass the previous answer's cursor"),
};

/**
 * Runs one GitHub call, turning Octokit errors into ToolErrors about `what`. The call's signal
 * rides along (see withSignal) so a cancelled tool call aborts its request.
 */
export async function gh<T>(ctx: Ctx, what: string, call: (api: Api) => Promise<T>): Promise<T> {
  const api = await ctx.state.client.get();
  try {
    return await call(withSignal(api, ctx.signal));
  } catch (error) {
    throw toToolError(error, what);
  }
}

/** Repository-scoped call: the --repos policy is checked before anything is sent. */
export function inRepo(ctx: Ctx, owner: string, repo: string, why?: string): string {
  ctx.state.policy.check(owner, repo, why);
  return `${owner}/${repo}`;
}

const pageCursor = z.object({ page: z.number().int().min(1) });

/** The GitHub page a cursor points to (1 without one). */
export function pageOf(cursor: string | undefined): number {
  return decodeCursor(cursor, pageCursor)?.page ?? 1;
}

/** A nextCursor when GitHub's Link header (or a full page) says there is more. */
export function nextCursor(
  headers: { link?: string | undefined },
  page: number,
  count: number,
  perPage: number,
): string | undefined {
  const more = headers.link ? /rel="next"/.test(headers.link) : count >= perPage;
  return more ? encodeCursor({ page: page + 1 }) : undefined;
}

/**
 * One page of a plain GitHub list as a list answer: `send` makes the call for the cursor's page.
 * The caller checks --repos first (usually while naming `source` with inRepo).
 */
export async function listPage<T, R extends Record<string, unknown>>(
  ctx: Ctx,
  spec: {
    source: string;
    perPage: number;
    cursor: string | undefined;
    send: (api: Api, page: number) => Promise<{ data: T[]; headers: { link?: string | undefined } }>;
    /** May be async (a --lockdown check per author); items are compacted in order. */
    compact: (item: T) => R | Promise<R>;
    line: (item: R) => string;
  },
): Promise<ToolResult> {
  const page = pageOf(spec.cursor);
  const res = await gh(ctx, spec.source, (api) => spec.send(api, page));
  const items: R[] = [];
  for (const item of res.data) items.push(await spec.compact(item));
  return listResult(spec.source, items, spec.line, nextCursor(res.headers, page, items.length, spec.perPage));
}

/** Keeps only `fields` of an item (all when none are asked for). */
export function pick<T extends Record<string, unknown>>(
  item: T,
  fields: readonly string[] | undefined,
): Partial<T> {
  if (!fields?.length) return item;
  return Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]])) as Partial<T>;
}

export const webUrl = (ctx: Ctx, path: string) => `${ctx.state.host.web}/${path}`;

/** The `fields` choice of list and search tools. */
export function fieldsField<const F extends readonly [string, ...string[]]>(fields: F) {
  return z
    .array(z.enum(fields))
    .optional()
    .describe(`Fields to return per item (default all of: ${fields.join(', ')})`);
}

/**
 * A field that the reference server spelled differently (`q` for `query`, `pull_number` for
 * `pullNumber`): either is accepted, one is required.
 */
export function either<T>(current: T | undefined, old: T | undefined, name: string): T {
  const value = current ?? old;
  if (value === undefined || value === '') throw invalidInput(`${name} is required.`, `Pass ${name}.`);
  return value;
}

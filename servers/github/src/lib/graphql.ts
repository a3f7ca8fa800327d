import { notFound, ToolError } from '@bastion-mcp/runtime';
import type { Ctx } from '../tool.js';
import { withSignal } from './client.js';
import { toToolError } from './errors.js';

interface GraphqlErrorLike {
  name?: string;
  errors?: { type?: string; message?: string }[];
}

/**
 * One GraphQL call (for what REST lacks: discussions, review threads, drafts). GitHub answers
 * GraphQL errors with 200 and an `errors` list; NOT_FOUND becomes the same not_found as a REST 404.
 */
export async function gql<T>(
  ctx: Ctx,
  what: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const api = await ctx.state.client.get();
  try {
    return await withSignal(api, ctx.signal).graphql<T>(query, variables);
  } catch (error) {
    const errors = (error as GraphqlErrorLike).errors;
    // An HTTP failure (5xx past the retries, 401, rate limits) reads as a REST one does.
    if ((error as GraphqlErrorLike).name !== 'GraphqlResponseError' || !errors?.length)
      throw toToolError(error, what);
    if (errors.some((e) => e.type === 'NOT_FOUND'))
      throw notFound(
        `${what} was not found. If it is a private repository, the token may lack access to it.`,
      );
    throw new ToolError(
      'upstream',
      `GitHub's GraphQL API refused ${what}: ${errors.map((e) => e.message).join('; ')}.`,
    );
  }
}

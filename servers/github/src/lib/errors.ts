import { accessDenied, conflict, invalidInput, notFound, ToolError, tooLarge } from '@bastion-mcp/runtime';
import { REFUSED_REDIRECT } from './redirects.js';

interface RequestErrorLike {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function isRequestError(error: unknown): error is RequestErrorLike {
  return (
    typeof error === 'object' && error !== null && typeof (error as RequestErrorLike).status === 'number'
  );
}

/** When a rate limit ends, from `retry-after` or `x-ratelimit-reset`; undefined when not a limit. */
export function rateLimitEnd(error: RequestErrorLike, now = Date.now()): Date | undefined {
  const headers = error.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  const secondary = /secondary rate/i.test(error.message);
  if ((secondary || error.status === 429) && Number.isFinite(retryAfter) && retryAfter >= 0)
    return new Date(now + retryAfter * 1000);
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    return new Date(Number.isFinite(reset) ? reset * 1000 : now + 60_000);
  }
  if (secondary) return new Date(now + 60_000);
  return undefined;
}

/** GitHub's own message, first line only, without its docs URL. */
function upstreamMessage(error: RequestErrorLike): string {
  const data = error.response?.data as
    | { message?: string; errors?: { message?: string; field?: string; code?: string }[] }
    | undefined;
  const details = (data?.errors ?? [])
    .map((e) => e.message ?? [e.field, e.code].filter(Boolean).join(' '))
    .filter(Boolean)
    .join('; ');
  const base = (data?.message ?? error.message).split(' - https://')[0]?.split('\n')[0] ?? '';
  return details ? `${base} (${details})` : base;
}

/**
 * Turns an Octokit failure into a ToolError the model can act on. `what` names the target
 * (e.g. "acme/api#12"); `isPrivateHint` adds that a 404 may be a private repository.
 */
export function toToolError(error: unknown, what: string): unknown {
  if (error instanceof ToolError || !isRequestError(error)) return error;
  const message = upstreamMessage(error);
  const end = rateLimitEnd(error);
  if ((error.status === 403 || error.status === 429) && end) {
    const seconds = Math.max(Math.ceil((end.getTime() - Date.now()) / 1000), 0);
    return new ToolError(
      'upstream',
      `GitHub's rate limit is exhausted (${message}); it resets at ${end.toISOString()} (in ${seconds} s).`,
      `Retry after ${end.toISOString()}; meanwhile avoid calls to GitHub, or narrow searches.`,
    );
  }
  switch (error.status) {
    case 401:
      return accessDenied(
        `GitHub rejected the token (${message}).`,
        'The operator must set a valid GITHUB_PERSONAL_ACCESS_TOKEN; retrying will not help.',
      );
    case 403:
      if (error.response?.headers?.[REFUSED_REDIRECT])
        return accessDenied(
          `${what}: ${message}.`,
          'If the repository was renamed or transferred (or the issue moved), use its new name; the operator may add it to --repos.',
        );
      return accessDenied(
        `GitHub refused access to ${what}: ${message}.`,
        'The token lacks the permission; use a target it can reach.',
      );
    case 404:
      return notFound(
        `${what} was not found. If it is a private repository, the token may lack access to it.`,
        'Check the owner, repository and number or path (list or search first); for a private repository the token needs access.',
      );
    case 406:
      return tooLarge(
        `GitHub will not produce this for ${what}: ${message}.`,
        'Page through it by file instead (method get_files, then per-file patches).',
      );
    case 409:
      return conflict(`${what}: ${message}.`);
    case 422:
    case 400:
      return invalidInput(`GitHub rejected the request for ${what}: ${message}.`);
    default:
      if (error.status >= 500)
        return new ToolError(
          'upstream',
          `GitHub failed (${error.status}) for ${what} after retries: ${message}.`,
          'Retry in a minute; GitHub may be having an incident.',
        );
      return new ToolError('upstream', `GitHub answered ${error.status} for ${what}: ${message}.`);
  }
}

import { isOwnerName, isRepoName, type RepoPolicy } from './policy.js';

const MOVED = new Set([301, 302, 303, 307, 308]);

/**
 * Octokit's fetch under --repos. GitHub answers a renamed or transferred repository, and a
 * transferred issue, with a redirect to the new place, which the list may not name; plain fetch
 * would follow it unseen. Redirects are followed only where they are expected: within the API to
 * `/repos/<owner>/<name>/...` of a listed repository (names checked after decoding), and off the API
 * for a job or run log download (a signed URL, sent without the token). Anything else is refused.
 */
export function confinedFetch(policy: RepoPolicy, rest: string): typeof fetch {
  const api = new URL(rest);
  const base = api.pathname.replace(/\/$/, '');
  const apiPath = (url: URL) =>
    url.origin === api.origin && url.pathname.startsWith(`${base}/`)
      ? url.pathname.slice(base.length)
      : undefined;
  return async function follow(input, init, hops = 0, logs?: boolean): Promise<Response> {
    const from = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const isLogs = logs ?? LOGS.test(apiPath(from) ?? '');
    const res = await fetch(input, { ...init, redirect: 'manual' });
    const location = res.headers.get('location');
    if (!MOVED.has(res.status) || !location) return res;
    await res.body?.cancel();
    const to = new URL(location, from);
    const path = apiPath(to);
    const repo = path === undefined ? undefined : repoOf(path);
    const ok =
      hops < 3 && (path === undefined ? isLogs : repo !== undefined && policy.allows(repo.owner, repo.name));
    if (!ok) {
      const where = repo ? `to ${repo.owner}/${repo.name}` : `to ${path === undefined ? to.origin : path}`;
      return refusal(
        `GitHub redirected this request ${where}, and under --repos (${policy.describe()}) only redirects to a listed repository (or a log download) are followed`,
      );
    }
    const headers = new Headers(init?.headers);
    if (to.origin !== api.origin) headers.delete('authorization');
    const method = res.status === 303 ? 'GET' : (init?.method ?? 'GET');
    return (follow as (i: string, n: RequestInit, h: number, l: boolean) => Promise<Response>)(
      to.href,
      { ...init, method, headers },
      hops + 1,
      isLogs,
    );
  } as typeof fetch;
}

/** The log downloads GitHub answers with a redirect to a signed URL elsewhere. */
const LOGS = /^\/repos\/[^/]+\/[^/]+\/actions\/(?:jobs|runs)\/\d+\/logs$/;

/** `/repos/<owner>/<name>...` with both names valid once decoded (an encoded `/` or `..` is not). */
function repoOf(path: string): { owner: string; name: string } | undefined {
  const named = /^\/repos\/([^/]+)\/([^/]+)(?:\/|$)/.exec(path);
  if (!named) return undefined;
  try {
    const owner = decodeURIComponent(named[1] as string);
    const name = decodeURIComponent(named[2] as string);
    return isOwnerName(owner) && isRepoName(name) ? { owner, name } : undefined;
  } catch {
    return undefined;
  }
}

/** Marks our own refusal, which errors.ts words differently from GitHub's 403s. */
export const REFUSED_REDIRECT = 'x-bastion-refused-redirect';

/** A 403 (Octokit neither retries it nor reads it as a rate limit). */
function refusal(message: string): Response {
  return new Response(JSON.stringify({ message }), {
    status: 403,
    headers: { 'content-type': 'application/json; charset=utf-8', [REFUSED_REDIRECT]: '1' },
  });
}

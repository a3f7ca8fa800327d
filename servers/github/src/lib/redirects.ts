import type { RepoPolicy } from './policy.js';

const MOVED = new Set([301, 302, 303, 307, 308]);

/**
 * Octokit's fetch under --repos. GitHub answers a renamed or transferred repository, and a
 * transferred issue, with a redirect to the new place, which the list may not name; plain fetch
 * would follow it unseen. Here a redirect to another API repository is followed only when the
 * policy allows that repository; one to `/repositories/<id>` (no name to check) is refused. Other
 * targets (signed log and archive URLs) are followed, without the token when off the API origin.
 */
export function confinedFetch(policy: RepoPolicy, rest: string): typeof fetch {
  const api = new URL(rest);
  const base = api.pathname.replace(/\/$/, '');
  return async function follow(input, init, hops = 0): Promise<Response> {
    const res = await fetch(input, { ...init, redirect: 'manual' });
    const location = res.headers.get('location');
    if (!MOVED.has(res.status) || !location) return res;
    await res.body?.cancel();
    const to = new URL(location, typeof input === 'string' ? input : (input as Request).url);
    const onApi = to.origin === api.origin && to.pathname.startsWith(`${base}/`);
    const path = to.pathname.slice(base.length);
    const named = /^\/repos\/([^/]+)\/([^/]+)/.exec(path);
    const repo =
      named && `${decodeURIComponent(named[1] as string)}/${decodeURIComponent(named[2] as string)}`;
    const allowed = named && policy.allows(...((repo as string).split('/') as [string, string]));
    if ((onApi && (path.startsWith('/repositories/') || (named && !allowed))) || hops >= 3) {
      const where = repo ? `to ${repo}` : 'to a repository by ID (renamed or transferred)';
      return refusal(
        `GitHub redirected this request ${where}, and under --repos (${policy.describe()}) a redirect outside the list is not followed`,
      );
    }
    const headers = new Headers(init?.headers);
    if (to.origin !== api.origin) headers.delete('authorization');
    const method = res.status === 303 ? 'GET' : (init?.method ?? 'GET');
    return (follow as (i: string, n: RequestInit, h: number) => Promise<Response>)(
      to.href,
      { ...init, method, headers },
      hops + 1,
    );
  } as typeof fetch;
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

import type { Logger } from '@bastion-mcp/runtime';
import type { Octokit } from '@octokit/rest';
import type { GithubHost } from './host.js';
import { LeanLimiter } from './lean-limiter.js';
import type { RepoPolicy } from './policy.js';
import { confinedFetch } from './redirects.js';

export type Api = Octokit;

/** Longest wait for a rate limit the server sits out before answering with an error instead. */
export const MAX_RATE_LIMIT_WAIT_S = 60;

export interface ClientOptions {
  host: GithubHost;
  token?: string | undefined;
  log: Logger;
  userAgent: string;
  /** Set under --repos: redirects are checked against it (see redirects.ts). */
  policy?: RepoPolicy | undefined;
}

/**
 * Octokit with the retry and throttling plugins, built on the first tool call (no network, and
 * not even the module load, before a client asks for something).
 */
export class GithubClient {
  private api?: Promise<Api>;

  constructor(readonly options: ClientOptions) {}

  get(): Promise<Api> {
    this.api ??= build(this.options);
    return this.api;
  }
}

async function build({ host, token, log, userAgent, policy }: ClientOptions): Promise<Api> {
  const { Octokit, retry, throttling, Bottleneck } = await loadOctokit();
  const Client = Octokit.plugin(retry, throttling);
  // GitHub asks clients to space writes (1 s) and searches (2 s): real hosts get the plugin's
  // Bottleneck pacing. A loopback host (the test fake, a local proxy) is not GitHub: no pacing, a
  // lean limiter (see lean-limiter.ts), and waits scaled down from seconds to 10 ms. Every group is
  // passed explicitly because the plugin otherwise caches its first client's groups process-wide.
  const limiters = host.loopback
    ? {
        Bottleneck: LeanLimiter as never,
        ...groups(() => new LeanLimiter.Group() as never),
        retryLimiter: new LeanLimiter() as never,
      }
    : groups((options) => new Bottleneck.Group(options));
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
      const retrying = retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
      log.warn(
        `GitHub ${kind} rate limit on ${options.method} ${options.url}: ${retrying ? `retrying in ${retryAfter}s` : 'giving up'}`,
      );
      return retrying;
    };
  const api = new Client({
    baseUrl: host.rest,
    userAgent,
    ...(token ? { auth: token } : {}),
    ...(policy?.restricted ? { request: { fetch: confinedFetch(policy, host.rest) } } : {}),
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => log.debug(m),
      error: (m: string) => log.debug(m),
    },
    retry: {
      retries: 2,
      retryAfterBaseValue: host.loopback ? 5 : 1000,
      doNotRetry: [400, 401, 403, 404, 406, 409, 410, 422, 429, 451],
    },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      retryAfterBaseValue: host.loopback ? 10 : 1000,
      ...limiters,
    },
  });
  return api;
}

type Params = Record<string, unknown> | undefined;
const signed = (params: Params, signal: AbortSignal) => ({
  ...params,
  request: { ...(params?.request as object | undefined), signal },
});

/**
 * The API as one tool call sees it: every `rest.<scope>.<method>(params)`, `request(route, params)`
 * and `graphql(query, variables)` carries the call's signal, so a cancelled call aborts its request.
 * Passed explicitly: AsyncLocalStorage did this before, but on Node 20 its promise hooks slow
 * every promise in the process (about 0.1 ms a call).
 */
export function withSignal(api: Api, signal: AbortSignal): Api {
  // biome-ignore lint/suspicious/noExplicitAny: Octokit's methods, wrapped generically
  type Fn = (...args: any[]) => unknown;
  const scopes = new Map<PropertyKey, unknown>();
  const rest = new Proxy(api.rest, {
    get(target, scope) {
      if (!scopes.has(scope)) {
        const methods = Reflect.get(target, scope) as Record<PropertyKey, Fn>;
        scopes.set(
          scope,
          new Proxy(methods, {
            get: (m, name) => (params: Params) => (Reflect.get(m, name) as Fn)(signed(params, signal)),
          }),
        );
      }
      return scopes.get(scope);
    },
  });
  return new Proxy(api, {
    get(target, key) {
      if (key === 'rest') return rest;
      if (key === 'request' || key === 'graphql')
        return (first: unknown, params: Params) => (target[key] as Fn)(first, signed(params, signal));
      return Reflect.get(target, key);
    },
  });
}

/** The plugin's own limits (plugin-throttling 11), one group per kind of request. */
function groups<G>(make: (options: Record<string, number>) => G) {
  return {
    global: make({ maxConcurrent: 10 }),
    auth: make({ maxConcurrent: 1 }),
    search: make({ maxConcurrent: 1, minTime: 2000 }),
    write: make({ maxConcurrent: 1, minTime: 1000 }),
    notifications: make({ maxConcurrent: 1, minTime: 3000 }),
  };
}

type OctokitLib = typeof import('./octokit-lib.js');

/** Octokit and its plugins load on the first GitHub call (a bundle chunk of their own: package.json). */
async function loadOctokit(): Promise<OctokitLib> {
  return import('./octokit-lib.js');
}

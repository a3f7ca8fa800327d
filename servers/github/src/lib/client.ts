import type { Logger } from '@bastion-mcp/runtime';
import type { Octokit } from '@octokit/rest';
import type { GithubHost } from './host.js';

export type Api = Octokit;

/** Longest wait for a rate limit the server sits out before answering with an error instead. */
export const MAX_RATE_LIMIT_WAIT_S = 60;

export interface ClientOptions {
  host: GithubHost;
  token?: string | undefined;
  log: Logger;
  userAgent: string;
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

async function build({ host, token, log, userAgent }: ClientOptions): Promise<Api> {
  const [{ Octokit }, { retry }, { throttling }, { default: Bottleneck }] = await Promise.all([
    import('@octokit/rest'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
    import('bottleneck/light.js'),
  ]);
  const Client = Octokit.plugin(retry, throttling);
  // GitHub asks clients to space writes and searches; a loopback host (a local fake, a proxy in
  // tests) is not GitHub, so it is not paced and waits are scaled down from seconds to 10 ms.
  const unpaced = host.loopback ? () => new Bottleneck.Group({ maxConcurrent: 10, minTime: 0 }) : undefined;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
      const retrying = retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
      log.warn(
        `GitHub ${kind} rate limit on ${options.method} ${options.url}: ${retrying ? `retrying in ${retryAfter}s` : 'giving up'}`,
      );
      return retrying;
    };
  return new Client({
    baseUrl: host.rest,
    userAgent,
    ...(token ? { auth: token } : {}),
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
      ...(unpaced ? { write: unpaced(), search: unpaced(), notifications: unpaced() } : {}),
    },
  });
}

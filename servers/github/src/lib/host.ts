import { ConfigError } from '@bastion-mcp/runtime';

/** Where the server talks to: github.com, a ghe.com tenant, or a GitHub Enterprise Server. */
export interface GithubHost {
  /** REST base URL, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  rest: string;
  /** The web origin, for links the model may show (https://github.com). */
  web: string;
  /** Loopback hosts (a local fake or proxy) are not paced by the throttler. */
  loopback: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * github.com (no --host), `https://<tenant>.ghe.com` (API at api.<tenant>.ghe.com) or a GHES
 * origin (API at /api/v3, GraphQL at /api/graphql). https is required except for loopback.
 */
export function resolveHost(given: string | undefined): GithubHost {
  if (!given) return { rest: 'https://api.github.com', web: 'https://github.com', loopback: false };
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(given) ? given : `https://${given}`);
  } catch {
    throw new ConfigError(`--host: "${given}" is not a URL (e.g. https://ghe.example.com)`);
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(`--host: ${url.origin} must use https (plain http is allowed only for loopback)`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError('--host: give the origin only, with no credentials, query or fragment');
  }
  const origin = url.origin;
  if (url.hostname === 'github.com' || url.hostname === 'api.github.com') {
    return { rest: 'https://api.github.com', web: 'https://github.com', loopback };
  }
  if (url.hostname.endsWith('.ghe.com')) {
    const tenant = url.hostname.replace(/^api\./, '');
    return { rest: `https://api.${tenant}`, web: `https://${tenant}`, loopback };
  }
  return { rest: `${origin}/api/v3`, web: origin, loopback };
}

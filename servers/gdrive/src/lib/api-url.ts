import { ConfigError } from '@bastion-mcp/runtime';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** True for http(s) URLs on a loopback host (only those may be plain http). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/**
 * Checks a base URL that Google calls will be sent to (--api-url, an OAuth file's token_uri): https,
 * or http on loopback only (a token must never cross a network in the clear). Returns it with a
 * trailing slash so paths append cleanly.
 */
export function checkBaseUrl(what: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${what}: "${value}" is not a URL`);
  }
  if (url.username || url.password) throw new ConfigError(`${what}: credentials in the URL are not allowed`);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))) {
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  }
  throw new ConfigError(
    `${what}: must be https (plain http only on 127.0.0.1/localhost), got ${url.protocol}//${url.host}`,
  );
}

/** Hosts a Google call may go to: the APIs, uploads and tokens, and Drive's export links. */
export const GOOGLE_HOSTS = /(^|\.)googleapis\.com$|^docs\.google\.com$/;

/**
 * Where a Google URL goes under --api-url: every Google host's URL (API, upload, token, export
 * link) keeps its path under the new base. Other URLs are returned unchanged.
 */
export function rebase(url: URL, apiBase: string | undefined): URL {
  if (!apiBase || !GOOGLE_HOSTS.test(url.hostname)) return url;
  const base = new URL(apiBase);
  return new URL(`${base.pathname.replace(/\/$/, '')}${url.pathname}${url.search}`, base);
}

import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWithin } from '@bastion-mcp/runtime';
import { type AddressClass, classifyAddress } from './addresses.js';

/** An origin from --allowed-origins/--blocked-origins: scheme (or any), host (maybe `*.`), port (or any). */
export interface OriginPattern {
  text: string;
  scheme?: 'http' | 'https';
  host: string;
  wildcard: boolean;
  port?: number;
}

export interface PolicyOptions {
  allowedOrigins: readonly string[];
  blockedOrigins: readonly string[];
  allowPrivateNetwork: boolean;
  allowFileUrls: boolean;
  /** Real paths of the allowed directories (file: URLs must lie inside one). */
  roots: readonly string[];
}

export type Verdict = { ok: true } | { ok: false; rule: string; fix: string };

const OK: Verdict = { ok: true };
const refuse = (rule: string, fix: string): Verdict => ({ ok: false, rule, fix });

/** Parses one origin pattern; throws with a message for the config error. */
export function parseOrigin(text: string): OriginPattern {
  const match = /^(?:(\*|https?|wss?):\/\/)?(\*\.)?([^/:[\]\s]+|\[[0-9a-f:.]+\])(?::(\*|\d{1,5}))?\/?$/i.exec(
    text.trim(),
  );
  if (!match) throw new Error(`"${text}" is not an origin like https://example.com or https://*.example.org`);
  const [, rawScheme, star, rawHost = '', rawPort] = match;
  const scheme = rawScheme && rawScheme !== '*' ? rawScheme.toLowerCase().replace(/^ws/, 'http') : undefined;
  // Normalise the host the way the browser's URL parser does (alternate IPv4 spellings, case).
  let host: string;
  try {
    host = (star ? rawHost.toLowerCase() : new URL(`http://${rawHost}`).hostname).replace(/^\[|\]$/g, '');
  } catch {
    throw new Error(`"${text}" is not an origin like https://example.com (bad host)`);
  }
  const port = rawPort && rawPort !== '*' ? Number(rawPort) : undefined;
  return {
    text,
    ...(scheme ? { scheme: scheme as 'http' | 'https' } : {}),
    host,
    wildcard: Boolean(star),
    ...(port === undefined ? {} : { port }),
  };
}

/** Whether `pattern` covers scheme://host:port (scheme undefined: a CONNECT tunnel, either scheme). */
export function originMatches(
  pattern: OriginPattern,
  scheme: 'http' | 'https' | undefined,
  host: string,
  port: number,
): boolean {
  if (pattern.scheme && scheme && pattern.scheme !== scheme) return false;
  const h = host.toLowerCase();
  if (pattern.host !== '*') {
    if (pattern.wildcard ? !(h === pattern.host || h.endsWith(`.${pattern.host}`)) : h !== pattern.host)
      return false;
  }
  if (pattern.port !== undefined) return pattern.port === port;
  if (pattern.scheme) return port === (pattern.scheme === 'https' ? 443 : 80);
  // No scheme given: the default port of whichever scheme is in use (a tunnel: either).
  return scheme ? port === (scheme === 'https' ? 443 : 80) : port === 80 || port === 443;
}

const RULE_FLAG: Record<Exclude<AddressClass, 'public'>, string> = {
  loopback: 'loopback addresses',
  private: 'private network addresses',
  'link-local': 'link-local addresses (cloud metadata lives there)',
  unspecified: 'the unspecified address 0.0.0.0',
  multicast: 'multicast addresses',
  reserved: 'reserved addresses',
};

/** The URL policy: pure, table-tested; the proxy and the navigation tools both ask it. */
export class UrlPolicy {
  readonly allowed: OriginPattern[];
  readonly blocked: OriginPattern[];

  constructor(readonly options: PolicyOptions) {
    this.allowed = options.allowedOrigins.map(parseOrigin);
    this.blocked = options.blockedOrigins.map(parseOrigin);
  }

  /** Before DNS: may the browser talk to this origin at all? */
  checkOrigin(scheme: 'http' | 'https' | undefined, host: string, port: number): Verdict {
    const where = `${scheme ? `${scheme}://` : ''}${host}:${port}`;
    if (this.blocked.some((p) => originMatches(p, scheme, host, port)))
      return refuse(`${where} is in --blocked-origins`, 'Remove it from --blocked-origins to reach it.');
    if (this.allowed.length && !this.allowed.some((p) => originMatches(p, scheme, host, port)))
      return refuse(
        `${where} is not in --allowed-origins (${this.allowed.map((p) => p.text).join(', ')})`,
        'Add its origin to --allowed-origins to reach it.',
      );
    if (isIP(host.replace(/^\[|\]$/g, ''))) return this.checkAddress(host, scheme, host, port);
    return OK;
  }

  /** After DNS: the address the connection would actually reach. */
  checkAddress(address: string, scheme: 'http' | 'https' | undefined, host: string, port: number): Verdict {
    const cls = classifyAddress(address);
    if (cls === 'public' || this.options.allowPrivateNetwork) return OK;
    // An origin listed by its exact host (no wildcard) is the operator naming this target.
    const named = this.allowed.some(
      (p) => !p.wildcard && p.host !== '*' && originMatches(p, scheme, host, port),
    );
    if (named) return OK;
    return refuse(
      `${host === address ? `${address} is` : `${host}:${port} resolves to ${address}, which is`} one of the ${RULE_FLAG[cls]}, which are refused by default`,
      `Start the server with --allowed-origins listing this exact origin (e.g. http://${host}:${port}), or --allow-private-network.`,
    );
  }

  /** Top-level navigation: the scheme rules, then the origin rules. */
  checkNavigation(url: URL): Verdict {
    const scheme = url.protocol.slice(0, -1);
    if (scheme === 'http' || scheme === 'https' || scheme === 'ws' || scheme === 'wss') {
      const s = scheme.replace(/^ws/, 'http') as 'http' | 'https';
      return this.checkOrigin(s, url.hostname, Number(url.port || (s === 'https' ? 443 : 80)));
    }
    if (scheme === 'about' && url.href === 'about:blank') return OK;
    if (scheme === 'file') return this.checkFile(url);
    return refuse(
      `${scheme}: URLs are refused for navigation (only http and https are allowed)`,
      'Navigate to an http(s) URL instead; no flag allows this scheme.',
    );
  }

  private checkFile(url: URL): Verdict {
    if (!this.options.allowFileUrls)
      return refuse(
        'file: URLs are refused by default',
        'Start the server with --allow-file-urls and the directory as an allowed directory.',
      );
    let file: string;
    try {
      file = path.resolve(fileURLToPath(url));
    } catch {
      return refuse('this file: URL names no local path', 'Use file:///absolute/path.');
    }
    if (!this.options.roots.some((root) => isWithin(root, file)))
      return refuse(
        `${file} is outside the allowed directories`,
        'Start the server with its directory among the allowed directories (the <dir> arguments beside --allow-file-urls).',
      );
    return OK;
  }
}

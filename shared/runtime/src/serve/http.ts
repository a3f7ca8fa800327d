import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostHeaderValidation, originValidation, toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import type { BastionServer } from '../server.js';

export interface HttpOptions {
  host: string;
  port: number;
  /** Required when `host` is not a loopback address. */
  token?: string;
  log: Logger;
}

export interface HttpHandle {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARDS = ['0.0.0.0', '::', '[::]'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Serves Streamable HTTP at /mcp. Host and Origin are checked against the bound address (DNS
 * rebinding); a non-loopback bind needs a bearer token, compared in constant time.
 */
export async function serveHttp(server: BastionServer, options: HttpOptions): Promise<HttpHandle> {
  const { host, port, token, log } = options;
  if (!isLoopback(host) && !token) {
    throw new ConfigError(
      `--host ${host} is not loopback; set --http-token (or its env var) so clients must authenticate.`,
    );
  }
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  // On a wildcard bind the token is the guard; Host/Origin are still checked for a known name.
  const allowed = WILDCARDS.includes(host) ? undefined : [...new Set([...LOOPBACK_NAMES, bracketed])];
  const checkHost = allowed ? hostHeaderValidation(allowed) : () => true;
  const checkOrigin = allowed ? originValidation(allowed) : () => true;
  const handler = createMcpHandler((ctx) => server.factory(ctx), { onerror: (e) => log.debug('http', e) });
  const serve = toNodeHandler(handler, { onerror: (e) => log.warn('http handler', e) });
  const expected = token ? digest(token) : undefined;

  const httpServer = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/mcp') return reply(res, 404, 'Not found: the MCP endpoint is /mcp.');
    if (!checkHost(req, res) || !checkOrigin(req, res)) return;
    if (expected && !bearerMatches(req.headers.authorization, expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return reply(res, 401, 'Missing or wrong bearer token.');
    }
    serve(req, res).catch((error: unknown) => {
      log.warn('http request failed', error);
      if (!res.headersSent) reply(res, 500, 'Internal server error.');
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://${bracketed}:${address.port}/mcp`;
  log.info(`serving Streamable HTTP at ${url}`);
  return {
    url,
    close: async () => {
      await handler.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  // Hashing first makes both sides equal length, so timingSafeEqual never leaks the token length.
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1].trim()), expected);
}

function reply(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

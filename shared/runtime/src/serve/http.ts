import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  hostHeaderValidation,
  originValidation,
  toNodeHandler,
  toWebRequest,
} from '@modelcontextprotocol/node';
import { createMcpHandler, isLegacyRequest } from '@modelcontextprotocol/server';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import type { BastionServer } from '../server.js';
import { checkValue } from './jsonrpc-guard.js';
import { LegacySessions, reply } from './legacy-sessions.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from './limits.js';

export interface HttpOptions {
  host: string;
  port: number;
  /** Required when `host` is not a loopback address. */
  token?: string;
  /** Largest request body accepted; larger ones get 413. */
  maxMessageBytes?: number;
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
 * Serves Streamable HTTP at /mcp: 2026-07-28 requests statelessly, 2025-era clients in sessions
 * (those without a session id fall back to stateless serving). Host and Origin are checked against the bound address (DNS
 * rebinding); a non-loopback bind needs a bearer token, compared in constant time.
 */
export async function serveHttp(server: BastionServer, options: HttpOptions): Promise<HttpHandle> {
  const { host, port, token, log } = options;
  const maxBody = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
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
  const removeSink = server.addUpdateSink((uri) => handler.notify.resourceUpdated(uri));
  const serve = toNodeHandler(handler, { onerror: (e) => log.warn('http handler', e) });
  const expected = token ? digest(token) : undefined;
  const sessions = new LegacySessions({ create: () => server.factory({ era: 'legacy' }), log });

  const route = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = req.method === 'POST' ? await readJson(req, maxBody) : undefined;
    if (body === TOO_LARGE) {
      res.setHeader('Connection', 'close');
      return reply(
        res,
        413,
        -32600,
        `Request body too large: the limit is ${maxBody} bytes (--max-message-bytes).`,
      );
    }
    if (body === INVALID) return reply(res, 400, -32700, 'Parse error: the body is not valid JSON.');
    if (req.method === 'POST') {
      const checked = checkValue(body);
      if ('reject' in checked) {
        const { id, code, message } = checked.reject;
        return reply(res, 400, code, message, id);
      }
    }
    const sessionId = header(req, 'mcp-session-id');
    const legacy = await isLegacyRequest(await toWebRequest(req, body), body);
    if (legacy && (sessionId || isInitialize(body))) return sessions.handle(req, res, body, sessionId);
    return serve(req, res, body);
  };

  const httpServer = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/mcp') return reply(res, 404, -32000, 'Not found: the MCP endpoint is /mcp.');
    if (!checkHost(req, res) || !checkOrigin(req, res)) return;
    if (expected && !bearerMatches(req.headers.authorization, expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return reply(res, 401, -32000, 'Missing or wrong bearer token.');
    }
    route(req, res).catch((error: unknown) => {
      log.warn('http request failed', error);
      if (!res.headersSent) reply(res, 500, -32603, 'Internal server error.');
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
      removeSink();
      await sessions.close();
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

const TOO_LARGE = Symbol('too large');
const INVALID = Symbol('invalid');

/**
 * Reads a JSON body up to `maxBody` bytes. Past the limit the rest is read and discarded (not
 * destroyed), so the client gets its 413 rather than a reset connection.
 */
async function readJson(req: http.IncomingMessage, maxBody: number): Promise<unknown> {
  const raw = await new Promise<Buffer | typeof TOO_LARGE>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers['content-length']) > maxBody;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) over = true;
      if (!over) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.once('end', () => resolve(over ? TOO_LARGE : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
  if (raw === TOO_LARGE) return TOO_LARGE;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return INVALID;
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isInitialize(body: unknown): boolean {
  const first = Array.isArray(body) ? body[0] : body;
  return (
    typeof first === 'object' && first !== null && (first as { method?: unknown }).method === 'initialize'
  );
}

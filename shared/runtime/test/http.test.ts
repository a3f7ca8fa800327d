import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/index.js';
import { type HttpHandle, serveHttp } from '../src/serve/http.js';
import { connectUrl } from '../src/testing/index.js';
import { captureLog, testServer } from './helpers.js';

/** A raw request, so tests can send any Host/Origin/Authorization header. */
function request(
  url: string,
  headers: Record<string, string>,
  path = '/mcp',
  method = 'POST',
): Promise<{ status: number; body: string; session?: string }> {
  const { port } = new URL(url);
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        let data = '';
        res.on('data', (c) => {
          data += c;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: data,
            session: res.headers['mcp-session-id'] as string,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(method === 'POST' ? body : undefined);
  });
}

describe('Streamable HTTP on loopback', () => {
  let handle: HttpHandle;
  beforeAll(async () => {
    handle = await serveHttp(testServer(), { host: '127.0.0.1', port: 0, log: captureLog() });
  });
  afterAll(() => handle.close());

  it.each(['legacy', 'modern'] as const)('serves a real %s-era client', async (era) => {
    const client = await connectUrl(handle.url, { era });
    expect(client.textOf(await client.call('echo', { message: 'over http' }))).toBe('over http');
    await client.close();
  });

  it.each([
    ['a foreign Host (DNS rebinding)', { host: 'evil.example:80' }, 403],
    ['a foreign Origin', { origin: 'http://evil.example' }, 403],
    ['a null Origin', { origin: 'null' }, 403],
    ['localhost Host and Origin', { host: 'localhost:1', origin: 'http://localhost:5173' }, 200],
    ['[::1] Host', { host: '[::1]:9' }, 200],
  ])('answers %s (%j) with %i', async (_label, headers, status) => {
    expect((await request(handle.url, headers)).status).toBe(status);
  });

  it('keeps 2025-era clients in sessions: initialize opens one, an unknown id is 404', async () => {
    const opened = await request(handle.url, {});
    expect(opened.status).toBe(200);
    expect(opened.session).toMatch(/^[0-9a-f-]{36}$/);
    expect((await request(handle.url, { 'mcp-session-id': 'not-a-session' })).status).toBe(404);
    const session = { 'mcp-session-id': opened.session as string, 'mcp-protocol-version': '2025-11-25' };
    expect((await request(handle.url, session, '/mcp', 'DELETE')).status).toBe(200);
    expect((await request(handle.url, session)).status).toBe(404);
  });

  it('serves only /mcp', async () => {
    expect((await request(handle.url, {}, '/other')).status).toBe(404);
  });
});

describe('Streamable HTTP beyond loopback', () => {
  it('refuses to bind a non-loopback host without a token', async () => {
    await expect(serveHttp(testServer(), { host: '0.0.0.0', port: 0, log: captureLog() })).rejects.toThrow(
      ConfigError,
    );
  });

  it('requires the bearer token, compared whole', async () => {
    const handle = await serveHttp(testServer(), {
      host: '0.0.0.0',
      port: 0,
      token: 's3cret-token',
      log: captureLog(),
    });
    const local = handle.url.replace('0.0.0.0', '127.0.0.1');
    try {
      expect((await request(local, {})).status).toBe(401);
      expect((await request(local, { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await request(local, { authorization: 'Bearer s3cret-toke' })).status).toBe(401);
      expect((await request(local, { authorization: 'Basic s3cret-token' })).status).toBe(401);
      expect((await request(local, { authorization: 'Bearer s3cret-token' })).status).toBe(200);
      const client = await connectUrl(local, { headers: { authorization: 'Bearer s3cret-token' } });
      expect(client.textOf(await client.call('echo', { message: 'ok' }))).toBe('ok');
      await client.close();
    } finally {
      await handle.close();
    }
  });
});

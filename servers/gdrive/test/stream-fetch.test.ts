import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamingFetch } from '../src/lib/stream-fetch.js';

const seen: { server: string; auth: string | undefined; path: string }[] = [];
const servers: http.Server[] = [];
const start = (name: string, handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) =>
  new Promise<string>((resolve) => {
    const server = http.createServer((req, res) => {
      seen.push({ server: name, auth: req.headers.authorization, path: req.url ?? '' });
      handler(req, res);
    });
    servers.push(server);
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`),
    );
  });

let a = '';
let b = '';
beforeAll(async () => {
  b = await start('b', (_req, res) => res.end('from b'));
  a = await start('a', (req, res) => {
    if (req.url === '/same') return res.writeHead(302, { location: '/final' }).end();
    if (req.url === '/other') return res.writeHead(302, { location: `${b}/elsewhere` }).end();
    if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    if (req.url === '/missing')
      return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":404}}');
    res.end('from a');
  });
});
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

describe('streamingFetch (downloads)', () => {
  it('streams the body, keeps auth on a same-origin redirect and drops it on another host', async () => {
    const headers = { authorization: 'Bearer secret-token-123' };
    expect(await (await streamingFetch(`${a}/same`, { headers })).text()).toBe('from a');
    expect(seen.at(-1)).toMatchObject({ server: 'a', path: '/final', auth: 'Bearer secret-token-123' });
    const other = await streamingFetch(`${a}/other`, { headers });
    expect(await other.text()).toBe('from b');
    expect(seen.at(-1)).toEqual({ server: 'b', path: '/elsewhere', auth: undefined });
  });

  it('stops following after 5 redirects, and reports statuses and headers', async () => {
    const looped = await streamingFetch(`${a}/loop`);
    expect(looped.status).toBe(302);
    const missing = await streamingFetch(`${a}/missing`);
    expect(missing.ok).toBe(false);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/json');
    expect(await missing.json()).toEqual({ error: { code: 404 } });
  });
});

import { connect } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserServer, call, refOf } from './helpers.js';
import { type Forbidden, forbiddenServer, type Site, testSite } from './site.js';

let site: Site;
let forbidden: Forbidden;
beforeAll(async () => {
  forbidden = await forbiddenServer();
  site = await testSite(forbidden.port);
});
afterAll(async () => {
  await site?.close();
  await forbidden?.close();
});

// A 2025-era client over HTTP without a session: the SDK builds a server instance (and a sandbox)
// per request, so nothing but the shared session can carry its tabs and refs to the next call.
describe('stateless HTTP requests share one browser session', () => {
  it('keeps tabs and refs across session-less 2025 calls without piling up contexts', async () => {
    const server = browserServer(['--allowed-origins', site.origin]);
    const first = await connect(server, { via: 'http' });
    const second = await connect(server, { via: 'http' });
    try {
      await call(first, 'browser_navigate', { url: `${site.origin}/` });
      const ref = refOf(await call(first, 'browser_snapshot'), /button "Count"/);
      const contexts = server.browser.contextCount;
      // Another request, another client: same tab, and the ref from the first still works.
      expect(await call(second, 'browser_click', { ref })).toMatch(/Clicked 1/);
      for (let i = 0; i < 5; i++) await call(i % 2 ? first : second, 'browser_tabs', { action: 'list' });
      expect((await call(second, 'browser_tabs', { action: 'list' })).trim().split('\n')).toHaveLength(1);
      expect(server.browser.contextCount).toBe(contexts);
      expect(contexts).toBe(1);
    } finally {
      await first.close();
      await second.close();
      await server.close();
    }
  });

  it('leaves a connection its own context, apart from the stateless one', async () => {
    const server = browserServer(['--allowed-origins', site.origin]);
    const stateless = await connect(server, { via: 'http' });
    const connection = await connect(server);
    try {
      await call(stateless, 'browser_navigate', { url: `${site.origin}/setcookie` });
      await call(connection, 'browser_navigate', { url: `${site.origin}/showcookie` });
      expect(await call(connection, 'browser_get_text')).toMatch(/cookie=\[\] storage=\[\]/);
      await call(stateless, 'browser_navigate', { url: `${site.origin}/showcookie` });
      expect(await call(stateless, 'browser_get_text')).toMatch(/cookie=\[who=alice\]/);
      expect(server.browser.contextCount).toBe(2);
    } finally {
      await stateless.close();
      await connection.close();
      await server.close();
    }
  });
});

// Each session's context has a proxy listener of its own, so a refusal no page reported (a WebSocket,
// a refused tunnel) is listed for the session whose page made it and for no other.
describe("one session's refused requests are its own", () => {
  it('B does not see the WebSockets A was refused, nor A those of B', async () => {
    const server = browserServer(['--allowed-origins', site.origin]);
    const a = await connect(server);
    const b = await connect(server);
    const blocked = async (client: typeof a) =>
      (await call(client, 'browser_network_requests', { blockedOnly: true, limit: 200 })).match(
        /BLOCKED by policy/g,
      )?.length ?? 0;
    try {
      await call(a, 'browser_navigate', { url: `${site.origin}/` });
      await call(b, 'browser_navigate', { url: `${site.origin}/` });
      expect(await blocked(b)).toBe(0);
      for (const [actor, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const before = await blocked(other);
        await call(actor, 'browser_navigate', { url: `${site.origin}/escape/ws` });
        await call(actor, 'browser_wait_for', { textGone: 'wait' });
        const mine = await call(actor, 'browser_network_requests', { blockedOnly: true });
        expect(mine).toMatch(new RegExp(`127\\.0\\.0\\.1:${forbidden.port}.* BLOCKED by policy`));
        expect(await blocked(other)).toBe(before);
      }
      expect(forbidden.log).toEqual([]);
    } finally {
      await a.close();
      await b.close();
      await server.close();
    }
  });
});

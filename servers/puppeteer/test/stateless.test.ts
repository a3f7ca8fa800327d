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

import { connect } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { browserServer, call, eventually, refOf } from './helpers.js';
import { forbiddenServer, testSite, useSites } from './site.js';

const sites = useSites();

// A 2025-era client over HTTP without a session: the SDK builds a server instance (and a sandbox)
// per request, so nothing but the shared session can carry its tabs and refs to the next call.
describe('stateless HTTP requests share one browser session', () => {
  it('keeps tabs and refs across session-less 2025 calls without piling up contexts', async () => {
    const server = browserServer(['--allowed-origins', sites.site.origin]);
    const first = await connect(server, { via: 'http' });
    const second = await connect(server, { via: 'http' });
    try {
      await call(first, 'browser_navigate', { url: `${sites.site.origin}/` });
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

  it("closes a connection's browser context when the connection closes", async () => {
    const server = browserServer(['--allowed-origins', sites.site.origin]);
    const shared = await connect(server, { via: 'http' });
    const connection = await connect(server);
    try {
      await call(shared, 'browser_navigate', { url: `${sites.site.origin}/` });
      await call(connection, 'browser_navigate', { url: `${sites.site.origin}/` });
      expect(server.browser.contextCount).toBe(2);
      await connection.close();
      await eventually(
        async () => server.browser.contextCount,
        (count) => count === 1,
      );
      expect(server.browser.contextCount).toBe(1);
      expect(await call(shared, 'browser_tabs', { action: 'list' })).toContain(sites.site.origin);
    } finally {
      await shared.close();
      await server.close();
    }
  });

  it("never hands the default context on: a later connection starts without the first one's cookies", async () => {
    const server = browserServer(['--allowed-origins', sites.site.origin]);
    try {
      const first = await connect(server);
      await call(first, 'browser_navigate', { url: `${sites.site.origin}/setcookie` });
      await first.close();
      await eventually(
        async () => server.browser.contextCount,
        (count) => count === 1,
      );
      const later = await connect(server);
      await call(later, 'browser_navigate', { url: `${sites.site.origin}/showcookie` });
      expect(await call(later, 'browser_get_text')).toMatch(/cookie=\[\] storage=\[\]/);
      await later.close();
    } finally {
      await server.close();
    }
  });

  it("opens one context for a connection's concurrent first calls, and closes it with the connection", async () => {
    const server = browserServer(['--allowed-origins', sites.site.origin]);
    const holder = await connect(server);
    const busy = await connect(server);
    try {
      await call(holder, 'browser_tabs', { action: 'list' }); // takes the default context
      await Promise.all([1, 2, 3].map(() => call(busy, 'browser_tabs', { action: 'list' })));
      expect(server.browser.contextCount).toBe(2);
      await busy.close();
      await eventually(
        async () => server.browser.contextCount,
        (count) => count === 1,
      );
      expect(server.browser.contextCount).toBe(1);
    } finally {
      await holder.close();
      await server.close();
    }
  });

  it('a call still running when its connection closed opens no session afterwards', async () => {
    const server = browserServer(['--allowed-origins', sites.site.origin]);
    try {
      const connection = {};
      server.browser.release(connection);
      await expect(server.browser.session({ era: 'legacy', stateless: false, connection })).rejects.toThrow(
        /connection closed while this call was running/,
      );
      expect(server.browser.running).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('leaves a connection its own context, apart from the stateless one', async () => {
    const server = browserServer(['--allowed-origins', sites.site.origin]);
    const stateless = await connect(server, { via: 'http' });
    const connection = await connect(server);
    try {
      await call(stateless, 'browser_navigate', { url: `${sites.site.origin}/setcookie` });
      await call(connection, 'browser_navigate', { url: `${sites.site.origin}/showcookie` });
      expect(await call(connection, 'browser_get_text')).toMatch(/cookie=\[\] storage=\[\]/);
      await call(stateless, 'browser_navigate', { url: `${sites.site.origin}/showcookie` });
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
// a refused tunnel) is listed for the session whose page made it and for no other. Each session's page
// reaches for a forbidden server of its own, so a listing names whose refusal it shows.
describe("one session's refused requests are its own", () => {
  it('B does not see the WebSockets A was refused, nor A those of B', async () => {
    const otherForbidden = await forbiddenServer();
    const otherSite = await testSite(otherForbidden.port);
    const server = browserServer(['--allowed-origins', `${sites.site.origin},${otherSite.origin}`]);
    const a = await connect(server);
    const b = await connect(server);
    const listing = (client: typeof a) =>
      call(client, 'browser_network_requests', { blockedOnly: true, limit: 200 });
    try {
      for (const [client, origin] of [
        [a, sites.site.origin],
        [b, otherSite.origin],
      ] as const) {
        await call(client, 'browser_navigate', { url: `${origin}/escape/ws` });
        await call(client, 'browser_wait_for', { textGone: 'wait' });
      }
      const mine = (port: number) => new RegExp(`127\\.0\\.0\\.1:${port}\\S* BLOCKED by policy`);
      const aSees = await eventually(
        () => listing(a),
        (text) => mine(sites.forbidden.port).test(text),
      );
      const bSees = await eventually(
        () => listing(b),
        (text) => mine(otherForbidden.port).test(text),
      );
      expect(aSees).toMatch(mine(sites.forbidden.port));
      expect(bSees).toMatch(mine(otherForbidden.port));
      await new Promise((resolve) => setTimeout(resolve, 300)); // late refusals land too
      expect(await listing(a)).not.toMatch(new RegExp(`:${otherForbidden.port}`));
      expect(await listing(b)).not.toMatch(new RegExp(`:${sites.forbidden.port}`));
      expect([...sites.forbidden.log, ...otherForbidden.log]).toEqual([]);
    } finally {
      await a.close();
      await b.close();
      await server.close();
      await otherSite.close();
      await otherForbidden.close();
    }
  });
});

// console://logs is read without a tool call's context: the runtime tells a read its sandbox only.
describe('console://logs', () => {
  it("gives a connection without a session its own empty log, not the stateless clients' shared one", async () => {
    const server = browserServer(['--allowed-origins', sites.site.origin]);
    const stateless = await connect(server, { via: 'http' });
    const connection = await connect(server);
    const logs = async (client: typeof connection) => {
      const read = await client.client.readResource({ uri: 'console://logs' });
      return (read.contents[0] as { text: string }).text;
    };
    try {
      await call(stateless, 'browser_navigate', { url: `${sites.site.origin}/console` });
      expect(
        await eventually(
          () => call(stateless, 'browser_console_messages'),
          (t) => /boom/.test(t),
        ),
      ).toMatch(/boom/);
      expect(await logs(connection)).toBe('');
      await call(connection, 'browser_navigate', { url: `${sites.site.origin}/` });
      expect(await logs(connection)).not.toMatch(/boom|hello log/);
      await call(connection, 'browser_navigate', { url: `${sites.site.origin}/console` });
      expect(
        await eventually(
          () => logs(connection),
          (t) => /boom/.test(t),
        ),
      ).toMatch(/\[error\] boom/);
    } finally {
      await stateless.close();
      await connection.close();
      await server.close();
    }
  });
});

describe('screenshot://<name>', () => {
  it("lists and reads a connection's own named screenshots only, the newest 20", async () => {
    const server = browserServer(['--allowed-origins', sites.site.origin]);
    const a = await connect(server);
    const b = await connect(server);
    const names = async (client: typeof a) =>
      (await client.client.listResources()).resources
        .map((r) => r.uri)
        .filter((u) => u.startsWith('screenshot:'));
    const read = (client: typeof a, name: string) =>
      client.client.readResource({ uri: `screenshot://${name}` }).then(
        (r) => (r.contents[0] as { mimeType: string }).mimeType,
        (error: Error) => error.message,
      );
    try {
      await call(a, 'browser_navigate', { url: `${sites.site.origin}/` });
      await call(a, 'browser_take_screenshot', { name: 'mine', maxEdge: 100 });
      await call(b, 'browser_navigate', { url: `${sites.site.origin}/` });
      expect(await names(a)).toEqual(['screenshot://mine']);
      expect(await read(a, 'mine')).toBe('image/png');
      expect(await names(b)).toEqual([]);
      expect(await read(b, 'mine')).toMatch(/No screenshot named mine/);
      for (let i = 1; i <= 20; i++) await call(a, 'browser_take_screenshot', { name: `s${i}`, maxEdge: 100 });
      const kept = await names(a);
      expect(kept).toHaveLength(20);
      expect(kept).not.toContain('screenshot://mine');
    } finally {
      await a.close();
      await b.close();
      await server.close();
    }
  });
});

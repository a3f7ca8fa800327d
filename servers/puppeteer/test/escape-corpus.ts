import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, call, callError, refOf } from './helpers.js';
import { type Forbidden, forbiddenServer, SECRET, type Site, testSite } from './site.js';

// The test site's origin is allowed explicitly; the forbidden server is loopback too, on another
// port, so every way the site tries to reach it must be refused, and its log must stay empty.
// The corpus runs against a launched browser (escape.test.ts) and an attached one (attach.test.ts);
// `args` gives the extra flags, read once the suite's own beforeAll has run.
export function escapeCorpus(label: string, args: () => string[] = () => []) {
  describe(`the forbidden server stays untouched (${label})`, () => {
    let site: Site;
    let forbidden: Forbidden;
    let ctx: Awaited<ReturnType<typeof browserClient>>;
    const seen: string[] = [];

    beforeAll(async () => {
      forbidden = await forbiddenServer();
      site = await testSite(forbidden.port);
      ctx = await browserClient(['--allowed-origins', site.origin, ...args()]);
    });
    afterAll(async () => {
      await ctx?.close();
      await site?.close();
      await forbidden?.close();
    });

    async function visit(path: string, settleText?: RegExp) {
      const text = await call(ctx.client, 'browser_navigate', { url: `${site.origin}${path}` });
      seen.push(text);
      if (settleText) {
        // Wait for the page's own script to report that its attempt ended (blocked or not).
        const result = await ctx.client.call('browser_wait_for', { textGone: 'wait' });
        seen.push(ctx.client.textOf(result));
        seen.push(await call(ctx.client, 'browser_get_text'));
      }
      return text;
    }

    it('a redirect from the allowed site is refused at the hop', async () => {
      const text = await callError(ctx.client, 'browser_navigate', { url: `${site.origin}/escape/redirect` });
      seen.push(text);
      expect(text).toMatch(/^\[access_denied\] Refused by the URL policy: .*not in --allowed-origins/);
      expect(forbidden.log).toEqual([]);
    });

    it('iframes, images, scripts, stylesheets and prefetch, over http and through https tunnels', async () => {
      await visit('/escape/iframe', /done/);
      expect(seen.at(-1)).toMatch(/frame done/);
      await visit('/escape/img', /tried/);
      expect(seen.at(-1)).toMatch(/all tried/);
      seen.push(await call(ctx.client, 'browser_snapshot'));
      expect(forbidden.log).toEqual([]);
    });

    it('fetch, XHR and beacons', async () => {
      await visit('/escape/fetch', /failed/);
      expect(seen.at(-1)).toMatch(/fetch failed/);
      expect(forbidden.log).toEqual([]);
    });

    it('WebSockets, ws and wss (which request interception never sees)', async () => {
      await visit('/escape/ws', /failed/);
      expect(seen.at(-1)).toMatch(/ws failed/);
      expect(forbidden.log).toEqual([]);
    });

    it("a service worker fetching on the page's behalf", async () => {
      await visit('/escape/sw', /sw/);
      expect(seen.at(-1)).toMatch(/sw: sw fetch blocked|sw failed/);
      expect(forbidden.log).toEqual([]);
    });

    it('a popup, a form post and a link click', async () => {
      await visit('/escape/popup');
      let snap = await call(ctx.client, 'browser_snapshot');
      seen.push(await call(ctx.client, 'browser_click', { ref: refOf(snap, /button "Pop"/) }));
      seen.push(await call(ctx.client, 'browser_tabs', { action: 'list' }));
      await call(ctx.client, 'browser_tabs', { action: 'select', index: 0 });

      await visit('/escape/form');
      snap = await call(ctx.client, 'browser_snapshot');
      seen.push(await call(ctx.client, 'browser_click', { ref: refOf(snap, /button "Send"/) }));

      await visit('/escape/link');
      snap = await call(ctx.client, 'browser_snapshot');
      seen.push(await call(ctx.client, 'browser_click', { ref: refOf(snap, /link "Go there"/) }));
      expect(forbidden.log).toEqual([]);
    });

    it('alternate spellings of the address, from the page and from the model', async () => {
      await visit('/escape/spellings', /tried/);
      expect(seen.at(-1)).toMatch(/all tried/);
      for (const host of [
        '2130706433',
        '0x7f000001',
        '0177.0.0.1',
        '127.1',
        '[::ffff:127.0.0.1]',
        'localhost',
      ]) {
        const text = await callError(ctx.client, 'browser_navigate', {
          url: `http://${host}:${forbidden.port}/`,
        });
        expect(text).toMatch(/^\[access_denied\]/);
        seen.push(text);
      }
      expect(forbidden.log).toEqual([]);
    });

    it('lists refused requests as blocked by policy', async () => {
      const text = await call(ctx.client, 'browser_network_requests', { blockedOnly: true, limit: 200 });
      seen.push(text);
      expect(text).toMatch(/BLOCKED by policy/);
      expect(text).toMatch(/spelling/);
      expect(text).toMatch(/https:\/\/127\.0\.0\.1:\d+\/tunnel\.png BLOCKED by policy/); // a refused CONNECT
      expect(text).toMatch(/To allow blocked requests: .*--allowed-origins/); // the flag, said once
    });

    it('never shows the forbidden secret in any result', () => {
      expect(seen.length).toBeGreaterThan(10);
      for (const text of seen) expect(text).not.toContain(SECRET);
      expect(forbidden.log).toEqual([]);
    });
  });
}

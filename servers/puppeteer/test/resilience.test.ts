import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, call, callError } from './helpers.js';
import { type Forbidden, forbiddenServer, type Site, testSite } from './site.js';

let site: Site;
let forbidden: Forbidden;
let ctx: Awaited<ReturnType<typeof browserClient>>;

beforeAll(async () => {
  forbidden = await forbiddenServer();
  site = await testSite(forbidden.port);
  ctx = await browserClient(['--allowed-origins', site.origin, '--timeout-ms', '3000']);
});
afterAll(async () => {
  await ctx?.close();
  await site?.close();
  await forbidden?.close();
});

describe('resilience', () => {
  it('waits for a slow page (within the timeout) and answers with it', async () => {
    const started = Date.now();
    expect(await call(ctx.client, 'browser_navigate', { url: `${site.origin}/slow` })).toMatch(
      /title "Slow"/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1100);
    expect(await call(ctx.client, 'browser_get_text')).toMatch(/At last/);
  });

  it('cuts a navigation that never answers at the timeout', async () => {
    const text = await callError(ctx.client, 'browser_navigate', { url: `${site.origin}/hang` });
    expect(text).toMatch(/^\[timeout\]/);
    expect(await call(ctx.client, 'browser_navigate', { url: `${site.origin}/` })).toMatch(/title "Home"/);
  });

  it('cuts an action on a page stuck in an infinite loop, and the server stays usable', async () => {
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/loop` });
    const text = await callError(ctx.client, 'browser_click', { selector: 'button' });
    expect(text).toMatch(/^\[timeout\] .*did not finish within 3000 ms/);
    // The hung tab is closed; a new one works.
    await call(ctx.client, 'browser_tabs', { action: 'close' });
    expect(await call(ctx.client, 'browser_navigate', { url: `${site.origin}/` })).toMatch(/title "Home"/);
  });

  it('stops an action when the client cancels the request', async () => {
    const controller = new AbortController();
    const pending = ctx.client.client.callTool(
      { name: 'browser_navigate', arguments: { url: `${site.origin}/hang` } },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort('user cancelled'), 200);
    await expect(pending).rejects.toThrow();
    expect(await call(ctx.client, 'browser_navigate', { url: `${site.origin}/` })).toMatch(/title "Home"/);
  });

  it('relaunches after the browser is killed, and says so once', async () => {
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/` });
    const pid = ctx.server.browser.pid as number;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 50 && ctx.server.browser.running; i++) await new Promise((r) => setTimeout(r, 100));
    expect(ctx.server.browser.running).toBe(false);
    const text = await call(ctx.client, 'browser_navigate', { url: `${site.origin}/form` });
    expect(text).toMatch(/The browser had exited \(crashed or was killed\) and was relaunched/);
    expect(text).toMatch(/title "Form"/);
    expect(await call(ctx.client, 'browser_snapshot')).not.toMatch(/relaunched/);
  });

  it('closes the browser on request and starts a fresh one on the next call', async () => {
    expect(await call(ctx.client, 'browser_close')).toMatch(/Closed the browser/);
    expect(await call(ctx.client, 'browser_close')).toMatch(/was not running/);
    expect(await call(ctx.client, 'browser_navigate', { url: `${site.origin}/` })).not.toMatch(/relaunched/);
  });
});

describe('a crashed renderer', () => {
  it('is replaced by a fresh tab on the next call, which says so', async () => {
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/form` });
    const tab = ctx.server.browser.last?.currentTab();
    const session = await tab?.page.createCDPSession();
    // Page.crash never answers (the renderer is gone): do not wait for it.
    void session?.send('Page.crash').catch(() => {});
    for (let i = 0; i < 50 && !tab?.crashed; i++) await new Promise((r) => setTimeout(r, 100));
    expect(tab?.crashed).toBe(true);
    const text = await call(ctx.client, 'browser_snapshot');
    expect(text).toMatch(
      /renderer crashed \(at http:\/\/127\.0\.0\.1:\d+\/form\); it was closed and this is a fresh tab/,
    );
    expect(await call(ctx.client, 'browser_navigate', { url: `${site.origin}/` })).toMatch(/title "Home"/);
  });
});

import { type ChildProcess, spawn } from 'node:child_process';
import { tempDir } from '@bastion-mcp/runtime/testing';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeCorpus } from './escape-corpus.js';
import { browserClient, browserServer, CHROMIUM, call, callError } from './helpers.js';
import { useSites } from './site.js';

/** A browser the user started: no proxy of ours, its DevTools endpoint read from its stderr. */
async function userBrowser(): Promise<{ ws: string; child: ChildProcess }> {
  const profile = await tempDir({}, 'bastion-user-chrome-');
  const child = spawn(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const ws = await new Promise<string>((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(log);
      if (match) resolve(match[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`chromium exited ${code}: ${log}`)));
  });
  return { ws, child };
}

let user: Awaited<ReturnType<typeof userBrowser>>;
beforeAll(async () => {
  user = await userBrowser();
});
afterAll(() => {
  user?.child.kill('SIGKILL');
});

// The whole escape corpus, against a browser whose default context would send loopback straight out.
escapeCorpus('an attached browser', () => ['--ws-endpoint', user.ws]);

it("leaves the user's own tabs alone: one opened while attached keeps its size", async () => {
  const mine = await puppeteer.connect({ browserWSEndpoint: user.ws, defaultViewport: null });
  const before = await mine.newPage();
  const size = () => `${innerWidth}x${innerHeight}`;
  const own = await before.evaluate(size);
  const attached = await browserClient(['--ws-endpoint', user.ws, '--viewport', '500x400']);
  try {
    await call(attached.client, 'browser_tabs', { action: 'list' });
    const opened = await mine.newPage();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await opened.evaluate(size)).toBe(own);
    expect(own).not.toBe('500x400');
    await opened.close();
  } finally {
    await attached.close();
    await before.close();
    await mine.disconnect();
  }
});

describe('attached to a running browser', () => {
  const sites = useSites();

  it('uses contexts of its own, closes only those, and leaves the browser running', async () => {
    const mine = await puppeteer.connect({ browserWSEndpoint: user.ws });
    try {
      const [userPage] = await mine.pages();
      const before = (await mine.browserContexts()).length;
      const ctx = await browserClient(['--allowed-origins', sites.site.origin, '--ws-endpoint', user.ws]);
      await call(ctx.client, 'browser_navigate', { url: `${sites.site.origin}/` });
      // A fresh connection learns every context; ours is not the default one (no proxy of ours there).
      const during = await puppeteer.connect({ browserWSEndpoint: user.ws });
      const defaultUrls = (await during.defaultBrowserContext().pages()).map((p) => p.url());
      expect(defaultUrls).not.toContain(`${sites.site.origin}/`);
      expect((await during.pages()).map((p) => p.url())).toContain(`${sites.site.origin}/`);
      expect(during.browserContexts()).toHaveLength(before + 1);
      await during.disconnect();
      expect(userPage?.url()).toBe('about:blank');
      await ctx.close();
      // The server is gone, the browser is not: our context closed, the user's page still there.
      const again = await puppeteer.connect({ browserWSEndpoint: user.ws });
      expect((await again.pages()).map((p) => p.url())).toEqual(['about:blank']);
      expect(again.browserContexts()).toHaveLength(before);
      await again.disconnect();
    } finally {
      await mine.disconnect();
    }
  });

  it('reaches an origin when it is allowed (so the empty log of the corpus means something)', async () => {
    const open = await browserClient([
      '--allowed-origins',
      `${sites.site.origin},http://127.0.0.1:${sites.forbidden.port}`,
      '--ws-endpoint',
      user.ws,
    ]);
    try {
      await call(open.client, 'browser_navigate', { url: `${sites.site.origin}/escape/ws` });
      await open.client.call('browser_wait_for', { textGone: 'wait' });
      expect(sites.forbidden.log.join('\n')).toMatch(/upgrade \/ws/);
    } finally {
      sites.forbidden.log.length = 0;
      await open.close();
    }
  });

  it('says so when the browser has gone away', async () => {
    const gone = await userBrowser();
    const ctx = await browserClient(['--allowed-origins', sites.site.origin, '--ws-endpoint', gone.ws]);
    try {
      await call(ctx.client, 'browser_navigate', { url: `${sites.site.origin}/` });
      gone.child.kill('SIGKILL');
      await new Promise((resolve) => gone.child.once('exit', resolve));
      const text = await callError(ctx.client, 'browser_snapshot');
      expect(text).toMatch(/Could not attach to the browser at --ws-endpoint ws:\/\//);
      expect(text).toMatch(/--remote-debugging-port/);
    } finally {
      await ctx.close();
    }
  });

  it('refuses two attach flags, or --user-data-dir with one, naming the flags', () => {
    expect(() => browserServer(['--ws-endpoint', user.ws, '--browser-url', 'http://127.0.0.1:9222'])).toThrow(
      /--browser-url and --ws-endpoint/,
    );
    expect(() => browserServer(['--ws-endpoint', user.ws, '--user-data-dir', '/tmp/x'])).toThrow(
      /--user-data-dir .*--browser-url\/--ws-endpoint/,
    );
  });
});

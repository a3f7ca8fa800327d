import fs from 'node:fs/promises';
import path from 'node:path';
import { connect, tempDir } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, browserServer, call } from './helpers.js';
import { type Site, testSite } from './site.js';

// Where Chromium would put a download nobody configured: $HOME/Downloads. A HOME of our own (this
// file's worker only) lets the deny tests see a download that slipped through.
let home: string;
let site: Site;
beforeAll(async () => {
  home = await tempDir();
  process.env.HOME = home;
  process.env.XDG_CONFIG_HOME = path.join(home, '.config');
  site = await testSite(0);
});
afterAll(async () => {
  await site?.close();
});

const files = async (dir: string) =>
  (await fs.readdir(dir).catch(() => [])).filter((f) => !f.startsWith('.'));

async function waitForFiles(dir: string, n: number, tries = 50) {
  for (let i = 0; i < tries; i++) {
    if ((await files(dir)).length >= n) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return files(dir);
}

/** Clicks the test site's download link; with `second`, from a session that is not on the default context. */
async function download(argv: string[], second: boolean) {
  const server = browserServer(['--allowed-origins', site.origin, ...argv]);
  const first = await connect(server);
  const other = second ? await connect(server) : first;
  try {
    await call(first, 'browser_tabs', { action: 'list' }); // the first session takes the default context
    await call(other, 'browser_navigate', { url: `${site.origin}/download` });
    const answer = await call(other, 'browser_click', { selector: 'a' });
    return { answer, contexts: server.browser.contextCount, server };
  } finally {
    if (second) await other.close();
    await first.close();
    await server.close();
  }
}

describe('downloads with --output-dir', () => {
  for (const second of [false, true])
    it(`are saved there under a sanitised name (${second ? 'a second session, its own context' : 'the default context'})`, async () => {
      const out = await tempDir();
      const { contexts } = await download(['--output-dir', out], second);
      expect(contexts).toBe(second ? 2 : 1);
      const saved = await waitForFiles(out, 1);
      // The page suggested "../q3 report.txt": Chromium turns the ../ into _, the server the space.
      const name = saved.find((f) => /q3_report\.txt$/.test(f)) as string;
      expect(name).toBeTruthy();
      expect(await fs.readFile(path.join(out, name), 'utf8')).toBe('quarterly numbers');
      expect(await files(path.join(home, 'Downloads'))).toEqual([]);
    });
});

describe('downloads without --output-dir', () => {
  for (const second of [false, true])
    it(`are denied (${second ? 'a second session, its own context' : 'the default context'})`, async () => {
      const { answer, server } = await download([], second);
      expect(answer).not.toMatch(/Downloaded/);
      expect(server.browser.downloads).toEqual([]);
      // Give a download that was not denied time to land where Chromium puts it by default.
      expect(await waitForFiles(path.join(home, 'Downloads'), 1, 20)).toEqual([]);
    });
});

it('the deny tests would see a download Chromium saved by default', async () => {
  const plain = await browserClient(['--allowed-origins', site.origin]);
  try {
    await call(plain.client, 'browser_navigate', { url: `${site.origin}/download` });
    const context = plain.server.browser.last?.context;
    const cdp = await context?.browser().target().createCDPSession();
    await cdp?.send('Browser.setDownloadBehavior', { behavior: 'default' });
    await call(plain.client, 'browser_click', { selector: 'a' });
    expect(await waitForFiles(path.join(home, 'Downloads'), 1)).not.toEqual([]);
  } finally {
    await plain.close();
    await fs.rm(path.join(home, 'Downloads'), { recursive: true, force: true });
  }
});

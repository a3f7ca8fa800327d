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

it("a download is named in its own tab's answers, never in another session's", async () => {
  const out = await tempDir();
  const server = browserServer(['--allowed-origins', site.origin, '--output-dir', out]);
  const a = await connect(server);
  const b = await connect(server);
  try {
    await call(a, 'browser_navigate', { url: `${site.origin}/download-later` });
    await call(b, 'browser_navigate', { url: `${site.origin}/` });
    // A's page starts its download 400 ms after the click, while B's navigation (1.2 s) runs.
    const clicked = await call(a, 'browser_click', { selector: 'button' });
    const meanwhile = await call(b, 'browser_navigate', { url: `${site.origin}/slow` });
    expect(await waitForFiles(out, 1)).toHaveLength(1);
    expect(meanwhile).not.toMatch(/Downloaded/);
    // Named once, in A's next answer if the click's answer came first.
    const next = await call(a, 'browser_hover', { selector: 'button' });
    expect(`${clicked}\n${next}`.match(/Downloaded: \S*q3_report\.txt/g)).toHaveLength(1);
  } finally {
    await a.close();
    await b.close();
    await server.close();
  }
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

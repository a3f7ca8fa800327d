import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeCorpus } from './escape-corpus.js';
import { browserClient, call, callError } from './helpers.js';
import { type Forbidden, forbiddenServer, type Site, testSite } from './site.js';

escapeCorpus('a launched browser');

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

describe('the default policy', () => {
  it('refuses the loopback test site itself when no origin is allowed, naming the rule and the flag', async () => {
    const strict = await browserClient([]);
    try {
      const text = await callError(strict.client, 'browser_navigate', { url: `${site.origin}/` });
      expect(text).toMatch(/loopback addresses.*refused by default/);
      expect(text).toMatch(/Fix: .*--allowed-origins/);
      const file = await callError(strict.client, 'browser_navigate', { url: 'file:///etc/passwd' });
      expect(file).toMatch(/file: URLs are refused by default/);
    } finally {
      await strict.close();
    }
  });
});

describe('the flags that widen or narrow the policy', () => {
  it('--allow-private-network reaches a local site; --blocked-origins still wins over it', async () => {
    const open = await browserClient([
      '--allow-private-network',
      '--blocked-origins',
      `http://127.0.0.1:${forbidden.port}`,
    ]);
    try {
      expect(await call(open.client, 'browser_navigate', { url: `${site.origin}/` })).toMatch(/title "Home"/);
      const blocked = await callError(open.client, 'browser_navigate', {
        url: `http://127.0.0.1:${forbidden.port}/`,
      });
      expect(blocked).toMatch(/is in --blocked-origins/);
      expect(forbidden.log).toEqual([]);
    } finally {
      await open.close();
    }
  });

  it('--allow-file-urls opens files inside the allowed directories only', async () => {
    const root = await tempDir();
    await fs.writeFile(path.join(root, 'page.html'), '<title>Local file</title><h1>From disk</h1>');
    const files = await browserClient(['--allow-file-urls', root]);
    try {
      const ok = await call(files.client, 'browser_navigate', {
        url: pathToFileURL(path.join(root, 'page.html')).href,
      });
      expect(ok).toMatch(/title "Local file"/);
      const outside = await callError(files.client, 'browser_navigate', { url: 'file:///etc/passwd' });
      expect(outside).toMatch(/\/etc\/passwd is outside the allowed directories/);
    } finally {
      await files.close();
    }
  });
});

describe('the harness can see a leak', () => {
  it('when the forbidden origin is allowed too, the same pages reach it (so the empty logs above mean something)', async () => {
    const open = await browserClient([
      '--allowed-origins',
      `${site.origin},http://127.0.0.1:${forbidden.port}`,
    ]);
    try {
      await call(open.client, 'browser_navigate', { url: `${site.origin}/escape/ws` });
      await open.client.call('browser_wait_for', { textGone: 'wait' });
      await call(open.client, 'browser_navigate', { url: `${site.origin}/escape/fetch` });
      await open.client.call('browser_wait_for', { textGone: 'wait' });
      expect(forbidden.log.join('\n')).toMatch(/upgrade \/ws/);
      expect(forbidden.log.join('\n')).toMatch(/GET \/fetch/);
    } finally {
      forbidden.log.length = 0;
      await open.close();
    }
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { escapeCorpus } from './escape-corpus.js';
import { browserClient, call, callError, eventually, refOf } from './helpers.js';
import { useSites } from './site.js';

escapeCorpus('a launched browser');

const sites = useSites();

describe('the default policy', () => {
  it('refuses the loopback test site itself when no origin is allowed, naming the rule and the flag', async () => {
    const strict = await browserClient([]);
    try {
      const text = await callError(strict.client, 'browser_navigate', { url: `${sites.site.origin}/` });
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
      `http://127.0.0.1:${sites.forbidden.port}`,
    ]);
    try {
      expect(await call(open.client, 'browser_navigate', { url: `${sites.site.origin}/` })).toMatch(
        /title "Home"/,
      );
      const blocked = await callError(open.client, 'browser_navigate', {
        url: `http://127.0.0.1:${sites.forbidden.port}/`,
      });
      expect(blocked).toMatch(/is in --blocked-origins/);
      expect(sites.forbidden.log).toEqual([]);
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

describe('file: subresources of an allowed file: page', () => {
  it('are refused outside the allowed directories (symlinks resolved); inside ones load', async () => {
    const OUTSIDE = 'OUTSIDE-FILE-SECRET-41c9';
    const outside = await tempDir({
      'secret.txt': OUTSIDE,
      's.js': `document.title = '${OUTSIDE}'; document.body.append('${OUTSIDE}');`,
      'x.svg': `<svg xmlns="http://www.w3.org/2000/svg"><text>${OUTSIDE}</text></svg>`,
    });
    const root = await tempDir({ 'inside.txt': 'INSIDE-FILE-CONTENT' });
    const out = pathToFileURL(outside).href;
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
    await fs.writeFile(
      path.join(root, 'page.html'),
      `<title>Local file</title><h1>From disk</h1><img src="${out}/x.svg" alt="pic">
<iframe src="${out}/secret.txt"></iframe><iframe src="inside.txt"></iframe><iframe src="link.txt"></iframe>
<script src="${out}/s.js"></script><a href="${out}/secret.txt">Outside link</a>`,
    );
    const files = await browserClient(['--allow-file-urls', root]);
    const seen: string[] = [];
    try {
      const page = pathToFileURL(path.join(root, 'page.html')).href;
      seen.push(await call(files.client, 'browser_navigate', { url: page }));
      expect(seen.at(-1)).toMatch(/title "Local file"/); // the outside script did not retitle it
      const snap = await eventually(
        () => call(files.client, 'browser_snapshot', { iframes: true }),
        (text) => text.includes('INSIDE-FILE-CONTENT'),
      );
      seen.push(snap);
      expect(snap).toMatch(/INSIDE-FILE-CONTENT/); // the harness sees iframe contents
      seen.push(await call(files.client, 'browser_get_text'));
      const requests = await call(files.client, 'browser_network_requests', { limit: 200 });
      seen.push(requests);
      // Each refusal is listed as the policy's, with its rule, not as a bare net::ERR_ACCESS_DENIED.
      const line = (name: string) => requests.split('\n').find((l) => l.includes(name)) ?? '';
      for (const name of [`${out}/x.svg`, `${out}/secret.txt`, `${out}/s.js`])
        expect(line(name)).toMatch(/BLOCKED by policy \(\S+ is outside the allowed directories\)/);
      expect(line('/link.txt')).toMatch(
        /BLOCKED by policy \(\S+link\.txt is a link: \S+secret\.txt is outside/,
      );
      expect(line('/inside.txt')).not.toMatch(/BLOCKED/);
      expect(requests).toMatch(/To allow blocked requests: .*allowed directories.*--allow-file-urls/);
      seen.push(await call(files.client, 'browser_take_screenshot', { type: 'png' }));
      seen.push(
        files.client.textOf(
          await files.client.call('browser_click', { ref: refOf(snap, /link "Outside link"/) }),
        ),
      );
      seen.push(await call(files.client, 'browser_get_text'));
      seen.push(await call(files.client, 'browser_snapshot', { iframes: true }));
      for (const text of seen) expect(text).not.toContain(OUTSIDE);
    } finally {
      await files.close();
    }
  });
});

describe('the harness can see a leak', () => {
  it('when the forbidden origin is allowed too, the same pages reach it (so the empty logs above mean something)', async () => {
    const open = await browserClient([
      '--allowed-origins',
      `${sites.site.origin},http://127.0.0.1:${sites.forbidden.port}`,
    ]);
    try {
      await call(open.client, 'browser_navigate', { url: `${sites.site.origin}/escape/ws` });
      await open.client.call('browser_wait_for', { textGone: 'wait' });
      await call(open.client, 'browser_navigate', { url: `${sites.site.origin}/escape/fetch` });
      await open.client.call('browser_wait_for', { textGone: 'wait' });
      expect(sites.forbidden.log.join('\n')).toMatch(/upgrade \/ws/);
      expect(sites.forbidden.log.join('\n')).toMatch(/GET \/fetch/);
    } finally {
      sites.forbidden.log.length = 0;
      await open.close();
    }
  });
});

import fs from 'node:fs/promises';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, call } from './helpers.js';
import { type Site, testSite } from './site.js';

let site: Site;
beforeAll(async () => {
  site = await testSite(0);
});
afterAll(async () => {
  await site?.close();
});

describe('launch options', () => {
  it('--viewport sets the size of the page', async () => {
    const small = await browserClient(['--allowed-origins', site.origin, '--viewport', '900x700']);
    try {
      await call(small.client, 'browser_navigate', { url: `${site.origin}/` });
      const shot = await small.client.call('browser_take_screenshot', { maxEdge: 2000 });
      const png = Buffer.from((shot.content as { data: string }[])[0]?.data ?? '', 'base64');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([900, 700]); // the PNG header's size
    } finally {
      await small.close();
    }
  });

  it('--user-data-dir keeps the profile: it outlives the server, and the next one finds its storage', async () => {
    const profile = await tempDir();
    const first = await browserClient(['--allowed-origins', site.origin, '--user-data-dir', profile]);
    await call(first.client, 'browser_navigate', { url: `${site.origin}/setcookie` });
    await first.close();
    expect((await fs.readdir(profile)).length).toBeGreaterThan(0);
    const second = await browserClient(['--allowed-origins', site.origin, '--user-data-dir', profile]);
    try {
      await call(second.client, 'browser_navigate', { url: `${site.origin}/showcookie` });
      expect(await call(second.client, 'browser_get_text')).toMatch(/storage=\[alice\]/);
    } finally {
      await second.close();
    }
  });
});

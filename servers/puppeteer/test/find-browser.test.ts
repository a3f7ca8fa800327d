import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { findBrowser } from '../src/lib/find-browser.js';

const saved = process.env.PUPPETEER_CACHE_DIR;
afterEach(() => {
  if (saved === undefined) delete process.env.PUPPETEER_CACHE_DIR;
  else process.env.PUPPETEER_CACHE_DIR = saved;
});

/** A fake puppeteer cache holding an executable "chrome" for each version. */
async function cache(versions: string[]) {
  const base = await tempDir();
  for (const version of versions) {
    const dir = path.join(base, 'chrome', version, 'chrome-linux64');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'chrome'), '#!/bin/sh\n', { mode: 0o755 });
  }
  process.env.PUPPETEER_CACHE_DIR = base;
  return base;
}

describe('finding the browser', () => {
  it('takes --executable-path first, and names the flag when it is not there', async () => {
    await cache(['linux-121.0.1']);
    expect(findBrowser(process.execPath)).toBe(process.execPath);
    expect(() => findBrowser('/nonexistent/chrome')).toThrow(
      /--executable-path \(PUPPETEER_EXECUTABLE_PATH\)/,
    );
  });

  it("prefers puppeteer's cache over the system, newest version first (numerically)", async () => {
    const base = await cache(['linux-99.0.4844.51', 'linux-121.0.6167.85', 'linux-100.0.1']);
    expect(findBrowser(undefined)).toBe(
      path.join(base, 'chrome', 'linux-121.0.6167.85', 'chrome-linux64', 'chrome'),
    );
  });
});

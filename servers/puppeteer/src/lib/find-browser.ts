import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ToolError } from '@bastion-mcp/runtime';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * Finds the browser in this order: --executable-path (or its env twin PUPPETEER_EXECUTABLE_PATH,
 * which the config already merged), puppeteer's own cache, then a system Chrome or Chromium.
 */
export function findBrowser(configured: string | undefined): string {
  if (configured) {
    if (!isExecutable(configured))
      throw new ToolError(
        'not_found',
        `The browser at --executable-path (PUPPETEER_EXECUTABLE_PATH) "${configured}" does not exist or cannot be run.`,
        'Point --executable-path at a Chrome or Chromium binary.',
      );
    return configured;
  }
  const found = [...cachedBrowsers(), ...SYSTEM_BROWSERS].find(isExecutable);
  if (found) return found;
  throw new ToolError(
    'not_found',
    'No Chrome or Chromium was found (looked at --executable-path, PUPPETEER_EXECUTABLE_PATH, ~/.cache/puppeteer and the usual system paths).',
    'Install one with `npx @puppeteer/browsers install chrome@stable` (or `apt-get install chromium`), or pass --executable-path.',
  );
}

function cachedBrowsers(): string[] {
  const base = process.env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'puppeteer');
  const out: string[] = [];
  for (const product of ['chrome', 'chromium']) {
    let versions: string[] = [];
    try {
      // Newest first, numerically: linux-121.0.6167.85 before linux-99.0.4844.51.
      versions = fs.readdirSync(path.join(base, product)).sort(byVersion).reverse();
    } catch {
      continue;
    }
    for (const version of versions) {
      const dir = path.join(base, product, version);
      out.push(
        path.join(dir, 'chrome-linux64', 'chrome'),
        path.join(dir, 'chrome-linux', 'chrome'),
        path.join(
          dir,
          'chrome-mac-x64',
          'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        ),
        path.join(
          dir,
          'chrome-mac-arm64',
          'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
        ),
        path.join(dir, 'chrome-win64', 'chrome.exe'),
      );
    }
  }
  return out;
}

const byVersion = new Intl.Collator('en', { numeric: true }).compare;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

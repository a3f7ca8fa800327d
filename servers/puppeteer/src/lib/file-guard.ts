import fs from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import type { UrlPolicy } from './url-policy.js';

/**
 * file: traffic never reaches the proxy, so with --allow-file-urls a file: page could load file:
 * subresources (img, iframe, script, a link it follows) from anywhere on disk. Fetch interception on
 * the browser target pauses every file: request of every page, popup and frame before it is read;
 * each is checked against the allowed directories after resolving symlinks, or failed.
 */
export async function guardFileUrls(browser: Browser, policy: UrlPolicy): Promise<void> {
  const session = await browser.target().createCDPSession();
  session.on('Fetch.requestPaused', (event) => {
    const { requestId } = event;
    void allowed(policy, event.request.url).then((ok) =>
      (ok
        ? session.send('Fetch.continueRequest', { requestId })
        : session.send('Fetch.failRequest', { requestId, errorReason: 'AccessDenied' })
      ).catch(() => {}),
    );
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: 'file://*' }] });
}

async function allowed(policy: UrlPolicy, href: string): Promise<boolean> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (!policy.checkNavigation(url).ok) return false;
  // A symlink inside an allowed directory may point outside it: check where it really leads.
  try {
    const real = await fs.realpath(fileURLToPath(url));
    return policy.checkNavigation(pathToFileURL(real)).ok;
  } catch {
    return false;
  }
}

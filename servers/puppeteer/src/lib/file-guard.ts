import fs from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import type { UrlPolicy, Verdict } from './url-policy.js';

export type Refusal = Extract<Verdict, { ok: false }>;
const MAX_REFUSALS = 500;

/**
 * file: traffic never reaches the proxy, so with --allow-file-urls a file: page could load file:
 * subresources (img, iframe, script, a link it follows) from anywhere on disk. Fetch interception on
 * the browser target pauses every file: request of every page, popup and frame before it is read;
 * each is checked against the allowed directories after resolving symlinks, or failed. A failure
 * reaches the page as a bare net::ERR_ACCESS_DENIED, so its rule is kept in `refusals` by URL, where
 * browser_network_requests finds it for the tab that made the request.
 */
export async function guardFileUrls(
  browser: Browser,
  policy: UrlPolicy,
  refusals: Map<string, Refusal>,
): Promise<void> {
  const session = await browser.target().createCDPSession();
  session.on('Fetch.requestPaused', (event) => {
    const { requestId } = event;
    const url = event.request.url;
    void check(policy, url).then((verdict) => {
      if (!verdict.ok) {
        refusals.delete(url); // re-inserted last, so the oldest go first
        refusals.set(url, verdict);
        if (refusals.size > MAX_REFUSALS) refusals.delete(refusals.keys().next().value as string);
      }
      // Chromium would open the path again itself: it reads the real path that was checked, so a
      // link swapped in after the check is not followed.
      return (
        verdict.ok
          ? session.send('Fetch.continueRequest', { requestId, url: verdict.real })
          : session.send('Fetch.failRequest', { requestId, errorReason: 'AccessDenied' })
      ).catch(() => {});
    });
  });
  await session.send('Fetch.enable', { patterns: [{ urlPattern: 'file://*' }] });
}

async function check(policy: UrlPolicy, href: string): Promise<{ ok: true; real: string } | Refusal> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { ok: false, rule: 'this file: URL does not parse', fix: 'Use file:///absolute/path.' };
  }
  const lexical = policy.checkNavigation(url);
  if (!lexical.ok) return lexical;
  // A symlink inside an allowed directory may point outside it: check where it really leads.
  const file = fileURLToPath(url);
  let real: string;
  try {
    real = await fs.realpath(file);
  } catch {
    return {
      ok: false,
      rule: `${file} could not be resolved (missing or unreadable), so it could not be checked`,
      fix: 'Check the path; only existing files inside the allowed directories load.',
    };
  }
  const realUrl = pathToFileURL(real);
  const verdict = policy.checkNavigation(realUrl);
  if (verdict.ok) return { ok: true, real: `${realUrl.href}${url.search}${url.hash}` };
  return real === file ? verdict : { ...verdict, rule: `${file} is a link: ${verdict.rule}` };
}

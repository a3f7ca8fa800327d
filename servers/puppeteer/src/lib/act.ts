import { type ToolContext, ToolError, untrusted } from '@bastion-mcp/runtime';
import type { Dialog, Frame, HTTPRequest } from 'puppeteer-core';
import type { PuppeteerState } from '../tool.js';
import { changedLines } from './snapshot.js';
import { snapshotText } from './snapshot-page.js';
import type { Tab } from './tab.js';

/** Rejects with a timeout (or cancellation) error instead of hanging on a stuck page. */
export function bounded<T>(work: Promise<T>, ms: number, signal: AbortSignal, what: string): Promise<T> {
  work.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new ToolError(
            'timeout',
            `${what} did not finish within ${ms} ms (the page may be slow or hung).`,
            'Try again or wait with browser_wait_for; if the page is hung, close its tab (browser_tabs action "close") or raise --timeout-ms.',
          ),
        ),
      ms,
    );
    const onAbort = () =>
      reject(new ToolError('timeout', `${what} was cancelled.`, 'Call again if still needed.'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    });
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) for a started navigation to commit and for the DOM to go quiet for `quietMs`. */
export async function settle(tab: Tab, navigating: boolean, cap: number, quietMs = 50): Promise<void> {
  const page = tab.page;
  if (tab.dialog) return;
  const deadline = Date.now() + cap;
  if (navigating) {
    await page
      .waitForFunction(() => document.readyState !== 'loading', {
        timeout: Math.max(deadline - Date.now(), 1),
      })
      .catch(() => {});
  }
  for (let attempt = 0; attempt < 3 && !tab.dialog; attempt++) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    try {
      await bounded(
        page.evaluate(
          (quietMs: number, maxMs: number) => {
            return new Promise<void>((resolve) => {
              let timer = setTimeout(finish, quietMs);
              const observer = new MutationObserver(() => {
                clearTimeout(timer);
                timer = setTimeout(finish, quietMs);
              });
              observer.observe(document, {
                subtree: true,
                childList: true,
                attributes: true,
                characterData: true,
              });
              const cap = setTimeout(finish, maxMs);
              function finish() {
                observer.disconnect();
                clearTimeout(cap);
                resolve();
              }
            });
          },
          quietMs,
          Math.min(left, 1500),
        ),
        left,
        new AbortController().signal,
        'settle',
      );
      return;
    } catch {
      // The context went away mid-navigation: wait for the new document and try again.
      await pause(100);
    }
  }
}

/**
 * Runs an action on the current tab and answers briefly: what was done, whether it navigated (URL,
 * title), an open dialog, new console errors, and the snapshot lines that changed.
 */
export async function act(
  ctx: ToolContext<PuppeteerState>,
  tab: Tab,
  note: string | undefined,
  action: () => Promise<string>,
  options: { navigation?: boolean } = {},
): Promise<string> {
  const page = tab.page;
  const started = Date.now();
  const before = tab.lastSnapshot;
  const urlBefore = page.url();
  let navigating = false;
  let navigated = false;
  const onRequest = (request: HTTPRequest) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigating = true;
  };
  const onNavigated = (frame: Frame) => {
    if (frame === page.mainFrame()) navigated = true;
  };
  page.on('request', onRequest);
  page.on('framenavigated', onNavigated);
  let done: string;
  try {
    const dialog = tab.nextDialog();
    const result = await bounded(
      Promise.race([action(), dialog.then((d: Dialog) => `a ${d.type()} dialog opened`)]),
      ctx.state.timeoutMs,
      ctx.signal,
      'The action',
    );
    done = result;
    // A click's navigation request follows its mouse events; a navigation tool already waited.
    if (!options.navigation) await pause(60);
    // A navigation tool already waited for DOMContentLoaded; an action waits for the DOM to go quiet.
    if (!options.navigation) await settle(tab, navigating, Math.min(ctx.state.timeoutMs, 5000), 50);
  } finally {
    page.off('request', onRequest);
    page.off('framenavigated', onNavigated);
  }
  const lines = [...(note ? [note] : []), done];
  const url = page.url();
  if (url !== urlBefore || navigating) lines.push(`Page: ${url} (title ${JSON.stringify(await title(tab))})`);
  if (tab.dialog) lines.push(dialogLine(tab.dialog));
  const downloads = tab.downloads.slice(tab.downloadsReported);
  tab.downloadsReported = tab.downloads.length;
  if (downloads.length) lines.push(`Downloaded: ${downloads.join(', ')}`);
  const errors = tab.consoleErrorsSince(started);
  if (errors.length)
    lines.push(
      'New console errors:',
      untrusted(
        'page console',
        errors
          .slice(0, 5)
          .map((e) => e.text.slice(0, 300))
          .join('\n'),
      ),
    );
  // A new document has nothing to diff against: the answer asks for a snapshot instead.
  if (before && !tab.dialog && url === urlBefore && !navigated && !options.navigation) {
    const after = await bounded(snapshotText(tab, {}), ctx.state.timeoutMs, ctx.signal, 'The snapshot').catch(
      () => undefined,
    );
    if (after !== undefined) {
      const changed = changedLines(before, after.text);
      if (changed.length) lines.push('Snapshot changes:', untrusted('page', changed.join('\n')));
      else lines.push('No snapshot changes.');
    }
  } else if (!tab.dialog) {
    lines.push('Call browser_snapshot to see the page and get refs.');
  }
  return lines.join('\n');
}

export function dialogLine(dialog: Dialog): string {
  const extra = dialog.type() === 'prompt' ? ` (default ${JSON.stringify(dialog.defaultValue())})` : '';
  return `A ${dialog.type()} dialog is open: ${JSON.stringify(dialog.message().slice(0, 500))}${extra}. Answer it with browser_handle_dialog.`;
}

export async function title(tab: Tab): Promise<string> {
  if (tab.dialog) return '';
  return bounded(tab.page.title(), 2000, new AbortController().signal, 'title').catch(() => '');
}

import { createRequire } from 'node:module';
import type { Browser, PuppeteerNode } from 'puppeteer-core';
import { saveDownload } from './output.js';

/**
 * puppeteer-core, loaded on first use (initialize never touches the browser stack). Through
 * require, not import(): the bin runs from V8's code cache, and a script restored from that cache
 * has no dynamic-import callback. puppeteer-core is ESM only, so this needs Node's require(esm)
 * (Node 20.19+, 22.12+).
 */
export function loadPuppeteer(): PuppeteerNode {
  const required = createRequire(import.meta.url)('puppeteer-core') as {
    default?: PuppeteerNode;
  } & PuppeteerNode;
  return required.default ?? required;
}

/** Flags this server always passes: quiet in a closed network, and every request through the proxy. */
export function launchArgs(proxyPort: number, options: { noSandbox: boolean }): string[] {
  return [
    `--proxy-server=http://127.0.0.1:${proxyPort}`,
    // Chromium sends loopback straight out unless told otherwise; `<-loopback>` routes it via the proxy.
    '--proxy-bypass-list=<-loopback>',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider',
    '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--force-webrtc-ip-handling-policy',
    ...(options.noSandbox ? ['--no-sandbox'] : []),
  ];
}

/** Downloads: denied without --output-dir; with it, saved there under their sanitised suggested names. */
export async function configureDownloads(
  browser: Browser,
  outputDir: string | undefined,
  onFile: (file: string) => void,
): Promise<void> {
  const session = await browser.target().createCDPSession();
  if (!outputDir) {
    await session.send('Browser.setDownloadBehavior', { behavior: 'deny' }).catch(() => {});
    return;
  }
  // Chromium saves under a GUID; the file gets its suggested name, sanitised, once complete.
  const names = new Map<string, string>();
  session.on('Browser.downloadWillBegin', (event) => names.set(event.guid, event.suggestedFilename));
  session.on('Browser.downloadProgress', (event) => {
    if (event.state !== 'completed') return;
    const suggested = names.get(event.guid) ?? 'download';
    names.delete(event.guid);
    void saveDownload(outputDir, event.guid, suggested).then((file) => {
      if (file) onFile(file);
    });
  });
  await session
    .send('Browser.setDownloadBehavior', {
      behavior: 'allowAndName',
      downloadPath: outputDir,
      eventsEnabled: true,
    })
    .catch(() => {});
}

import { ToolError } from '@bastion-mcp/runtime';
import type { Browser, PuppeteerNode } from 'puppeteer-core';
import { saveDownload } from './output.js';

/**
 * puppeteer-core, loaded on first use (initialize never touches the browser stack). The bundler
 * turns this import() into require(); puppeteer-core is ESM only, so the bin needs Node's
 * require(esm) (Node 20.19+, 22.12+).
 */
export async function loadPuppeteer(): Promise<PuppeteerNode> {
  // From source this is the ES namespace; in the bundle, esbuild's interop may wrap it once more.
  let loaded: unknown = await import('puppeteer-core');
  while (typeof (loaded as Partial<PuppeteerNode>).launch !== 'function')
    loaded = (loaded as { default: unknown }).default;
  return loaded as PuppeteerNode;
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

/**
 * Connects to a browser the user started (--browser-url / --ws-endpoint). Its default context uses
 * the user's network settings, so the caller gives every session a context behind our proxy.
 */
export async function attachBrowser(
  where: { browserUrl?: string | undefined; wsEndpoint?: string | undefined },
  options: { viewport: { width: number; height: number }; timeoutMs: number },
): Promise<Browser> {
  const puppeteer = await loadPuppeteer();
  const flag = where.wsEndpoint ? `--ws-endpoint ${where.wsEndpoint}` : `--browser-url ${where.browserUrl}`;
  try {
    return await puppeteer.connect({
      ...(where.wsEndpoint ? { browserWSEndpoint: where.wsEndpoint } : { browserURL: where.browserUrl }),
      defaultViewport: options.viewport,
      protocolTimeout: Math.max(options.timeoutMs * 2, 60_000),
    });
  } catch (error) {
    throw new ToolError(
      'upstream',
      `Could not attach to the browser at ${flag}: ${String((error as Error).message).split('\n')[0]}`,
      'Check that the browser is still running with --remote-debugging-port and that the flag gives its address (or start the server without it to launch a browser of its own).',
    );
  }
}

/** Sets the download behaviour of one browser context (undefined: the default one). */
export type Downloads = (contextId: string | undefined) => Promise<void>;

/** Downloads: denied without --output-dir; with it, saved there under their sanitised suggested names. */
export async function configureDownloads(
  browser: Browser,
  outputDir: string | undefined,
  onFile: (file: string) => void,
): Promise<Downloads> {
  const session = await browser.target().createCDPSession();
  const id = (contextId: string | undefined) => (contextId ? { browserContextId: contextId } : {});
  if (!outputDir)
    return async (contextId) => {
      await session
        .send('Browser.setDownloadBehavior', { behavior: 'deny', ...id(contextId) })
        .catch(() => {});
    };
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
  return async (contextId) => {
    await session
      .send('Browser.setDownloadBehavior', {
        behavior: 'allowAndName',
        downloadPath: outputDir,
        eventsEnabled: true,
        ...id(contextId),
      })
      .catch(() => {});
  };
}

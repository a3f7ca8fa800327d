import { type Logger, ToolError } from '@bastion-mcp/runtime';
import type { Browser, PuppeteerNode } from 'puppeteer-core';

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

/** Launches the Chromium at executablePath on a profile, all its traffic through the proxy. */
export async function launchChromium(
  executablePath: string,
  proxyPort: number,
  userDataDir: string,
  options: {
    headed: boolean;
    viewport: { width: number; height: number };
    noSandbox: boolean;
    timeoutMs: number;
    log?: Logger | undefined;
  },
): Promise<Browser> {
  const puppeteer = await loadPuppeteer();
  try {
    const browser = await puppeteer.launch({
      executablePath,
      headless: !options.headed,
      userDataDir,
      pipe: true,
      defaultViewport: options.viewport,
      args: launchArgs(proxyPort, options),
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: Math.max(options.timeoutMs, 30_000),
      protocolTimeout: Math.max(options.timeoutMs * 2, 60_000),
    });
    options.log?.info(`browser started: ${executablePath}`);
    return browser;
  } catch (error) {
    throw new ToolError(
      'upstream',
      `Chromium at ${executablePath} did not start: ${String((error as Error).message).split('\n')[0]}`,
      'Check the binary (--executable-path) and, as root, pass --no-sandbox.',
    );
  }
}

import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { type Logger, ToolError } from '@bastion-mcp/runtime';
import type { Browser, Page, PuppeteerNode } from 'puppeteer-core';
import { findBrowser } from './find-browser.js';
import { saveDownload } from './output.js';
import { PolicyProxy } from './proxy.js';
import { Tab } from './tab.js';
import type { UrlPolicy } from './url-policy.js';

export interface BrowserOptions {
  policy: UrlPolicy;
  headed: boolean;
  viewport: { width: number; height: number };
  executablePath?: string | undefined;
  userDataDir?: string | undefined;
  timeoutMs: number;
  noSandbox: boolean;
  outputDir?: string | undefined;
  log?: Logger;
}

/**
 * puppeteer-core, loaded on first use (initialize never touches the browser stack). Through
 * require, not import(): the bin runs from V8's code cache, and a script restored from that cache
 * has no dynamic-import callback. puppeteer-core is ESM only, so this needs Node's require(esm)
 * (Node 20.19+, 22.12+).
 */
function loadPuppeteer(): PuppeteerNode {
  const required = createRequire(import.meta.url)('puppeteer-core') as {
    default?: PuppeteerNode;
  } & PuppeteerNode;
  return required.default ?? required;
}

/** Flags this server always passes: quiet in a closed network, and every request through the proxy. */
export function launchArgs(proxyPort: number, options: Pick<BrowserOptions, 'noSandbox'>): string[] {
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

/** The browser, launched lazily, relaunched after it dies; the tabs the server knows. */
export class BrowserHost {
  readonly proxy: PolicyProxy;
  tabs: Tab[] = [];
  current = 0;
  /** Files downloaded into --output-dir, newest last (actions report new ones). */
  readonly downloads: string[] = [];
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  private tempProfile: string | undefined;
  private proxyPort: number | undefined;
  /** Set when the browser died since the last call; the next answer says so. */
  private died = false;
  private closing = false;
  private exitHook: (() => void) | undefined;

  constructor(readonly options: BrowserOptions) {
    this.proxy = new PolicyProxy(options.policy);
  }

  /** The current tab, launching (or relaunching) the browser first. Returns a note if it relaunched. */
  async tab(): Promise<{ tab: Tab; note?: string }> {
    const relaunched = this.died;
    await this.ensure();
    if (!this.tabs.length) await this.newTab();
    let tab = this.tabs[this.current] ?? (this.tabs[0] as Tab);
    if (tab.crashed) {
      // A crashed renderer answers nothing more: replace the tab, keep the others.
      const url = tab.page.url();
      await this.closeTab(this.tabs.indexOf(tab));
      tab = await this.newTab();
      return {
        tab,
        note: `The page's renderer crashed (at ${url}); it was closed and this is a fresh tab. Navigate again if needed.`,
      };
    }
    if (!relaunched) return { tab };
    this.died = false;
    return {
      tab,
      note: 'The browser had exited (crashed or was killed) and was relaunched: tabs, cookies and refs from before are gone.',
    };
  }

  async newTab(url?: string): Promise<Tab> {
    const browser = await this.ensure();
    const page = await browser.newPage();
    const tab = this.adopt(page);
    this.current = this.tabs.indexOf(tab);
    if (url) await page.goto(url, { waitUntil: 'domcontentloaded' });
    return tab;
  }

  async closeTab(index: number): Promise<void> {
    const tab = this.tabs[index];
    if (!tab)
      throw new ToolError('not_found', `There is no tab ${index}.`, 'Call browser_tabs with action "list".');
    this.tabs.splice(index, 1);
    await tab.page.close().catch(() => {});
    this.current = Math.min(this.current, Math.max(this.tabs.length - 1, 0));
  }

  /** Closes the browser (not the server); the next call launches a fresh one. */
  async closeBrowser(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    this.tabs = [];
    this.current = 0;
    if (browser) {
      this.closing = true;
      await browser.close().catch(() => {});
      this.closing = false;
    }
    await this.removeProfile();
  }

  async close(): Promise<void> {
    await this.closeBrowser();
    await this.proxy.close();
  }

  /** The Chromium process id while it runs (tests kill it to check recovery). */
  get pid(): number | undefined {
    return this.browser?.process()?.pid;
  }

  get running(): boolean {
    return Boolean(this.browser?.connected);
  }

  private adopt(page: Page): Tab {
    const known = this.tabs.find((t) => t.page === page);
    if (known) return known;
    page.setDefaultTimeout(this.options.timeoutMs);
    page.setDefaultNavigationTimeout(this.options.timeoutMs);
    const tab = new Tab(page);
    this.tabs.push(tab);
    page.on('close', () => {
      const index = this.tabs.indexOf(tab);
      if (index === -1) return;
      this.tabs.splice(index, 1);
      this.current = Math.min(this.current, Math.max(this.tabs.length - 1, 0));
    });
    return tab;
  }

  private async ensure(): Promise<Browser> {
    if (this.browser?.connected) return this.browser;
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    const executablePath = findBrowser(this.options.executablePath);
    if (process.getuid?.() === 0 && !this.options.noSandbox)
      throw new ToolError(
        'upstream',
        'Chromium refuses to start as root with its sandbox on, and this server runs as root.',
        'Start the server with --no-sandbox (env PUPPETEER_NO_SANDBOX=true), or run it as an ordinary user.',
      );
    this.proxyPort ??= await this.proxy.start();
    this.tabs = [];
    this.current = 0;
    if (!this.options.userDataDir)
      this.tempProfile = await fs.mkdtemp(path.join(os.tmpdir(), 'bastion-chrome-'));
    const userDataDir = this.options.userDataDir ?? (this.tempProfile as string);
    const puppeteer = loadPuppeteer();
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: !this.options.headed,
        userDataDir,
        pipe: true,
        defaultViewport: this.options.viewport,
        args: launchArgs(this.proxyPort, this.options),
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: Math.max(this.options.timeoutMs, 30_000),
        protocolTimeout: Math.max(this.options.timeoutMs * 2, 60_000),
      });
    } catch (error) {
      await this.removeProfile();
      throw new ToolError(
        'upstream',
        `Chromium at ${executablePath} did not start: ${String((error as Error).message).split('\n')[0]}`,
        'Check the binary (--executable-path) and, as root, pass --no-sandbox.',
      );
    }
    this.options.log?.info(`browser started: ${executablePath}`);
    browser.on('disconnected', () => {
      if (this.browser !== browser) return;
      this.browser = undefined;
      this.tabs = [];
      if (!this.closing) this.died = true;
      void this.removeProfile();
    });
    browser.on('targetcreated', async (target) => {
      // Popups and window.open: adopt them so they can be listed and selected.
      if (target.type() !== 'page') return;
      const page = await target.page().catch(() => null);
      if (page && !this.tabs.some((t) => t.page === page)) this.adopt(page);
    });
    await this.configureDownloads(browser);
    for (const page of await browser.pages()) this.adopt(page);
    this.browser = browser;
    this.cleanupOnExit(browser);
    return browser;
  }

  private async configureDownloads(browser: Browser) {
    const session = await browser.target().createCDPSession();
    const outputDir = this.options.outputDir;
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
        if (file) this.downloads.push(file);
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

  /** A stdio server may end without close() (stdin closed): kill Chromium and drop the temp profile. */
  private cleanupOnExit(browser: Browser) {
    if (this.exitHook) process.off('exit', this.exitHook);
    this.exitHook = () => {
      browser.process()?.kill('SIGKILL');
      if (this.tempProfile) {
        try {
          rmSync(this.tempProfile, { recursive: true, force: true, maxRetries: 2 });
        } catch {}
      }
    };
    process.on('exit', this.exitHook);
  }

  private async removeProfile() {
    const dir = this.tempProfile;
    this.tempProfile = undefined;
    if (dir) await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
  }
}

import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Logger, ToolError } from '@bastion-mcp/runtime';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { configureDownloads, type Downloads } from './downloads.js';
import { guardFileUrls, type Refusal } from './file-guard.js';
import { findBrowser } from './find-browser.js';
import { attachBrowser, launchChromium } from './launch.js';
import { PolicyProxy } from './proxy.js';
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
  /** Attach to a running browser instead of launching one (--browser-url / --ws-endpoint). */
  attach?: { browserUrl?: string | undefined; wsEndpoint?: string | undefined } | undefined;
  log?: Logger;
}

/** What the sessions hear from the browser process. */
export interface ChromiumEvents {
  /** The browser went away; `unexpected` unless we closed it. */
  gone(unexpected: boolean): void;
  /** A page opened (a popup, window.open, a new tab) in one of the sessions' contexts. */
  page(page: Page): void;
  /** Whether a context is one of the sessions' (an attached browser's other tabs are the user's). */
  ours(context: BrowserContext): boolean;
  /** A download finished and was saved into --output-dir; `frameId` is the frame that started it. */
  download(file: string, frameId: string): void;
}

/**
 * One Chromium, launched (or attached) on first use and again after it dies, with every request
 * through the launch-wide proxy. Knows nothing of sessions: BrowserHost hands out its contexts.
 */
export class Chromium {
  readonly proxy: PolicyProxy;
  /** file: requests the guard failed, by URL: the page sees only net::ERR_ACCESS_DENIED. */
  readonly fileRefusals = new Map<string, Refusal>();
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  private tempProfile: string | undefined;
  private proxyPort: number | undefined;
  private closing = false;
  private exitHook: (() => void) | undefined;
  /** Pages the browser opened by itself at launch, for the session that takes the default context. */
  private initialPages: Page[] = [];
  private downloads: Downloads | undefined;

  constructor(
    private readonly options: BrowserOptions,
    private readonly events: ChromiumEvents,
  ) {
    this.proxy = new PolicyProxy(options.policy);
  }

  get pid(): number | undefined {
    return this.browser?.process()?.pid;
  }

  get contextCount(): number {
    return this.browser?.browserContexts().length ?? 0;
  }

  get running(): boolean {
    return Boolean(this.browser?.connected);
  }

  async ensure(): Promise<Browser> {
    if (this.browser?.connected) return this.browser;
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  takeInitialPages(): Page[] {
    return this.initialPages.splice(0);
  }

  /** Applies the download rule (deny, or save into --output-dir) to a context we created. */
  async applyDownloads(contextId: string | undefined): Promise<void> {
    await this.downloads?.(contextId);
  }

  /** Closes a launched browser; of an attached one (the user's), closes `ours` and disconnects. */
  async close(ours: BrowserContext[]): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    this.initialPages = [];
    this.downloads = undefined;
    if (browser) {
      this.closing = true;
      if (this.options.attach) {
        await Promise.all(ours.map((context) => context.close().catch(() => {})));
        await browser.disconnect().catch(() => {});
      } else await browser.close().catch(() => {});
      this.closing = false;
    }
    await this.removeProfile();
  }

  private async launch(): Promise<Browser> {
    const attach = this.options.attach;
    const browser = attach ? await attachBrowser(attach, this.options) : await this.start();
    browser.on('disconnected', () => {
      if (this.browser !== browser) return;
      this.browser = undefined;
      this.initialPages = [];
      this.downloads = undefined;
      this.events.gone(!this.closing);
      void this.removeProfile();
    });
    browser.on('targetcreated', async (target) => {
      // target.page() would set our viewport on it: leave the user's own tabs alone.
      if (target.type() !== 'page' || !this.events.ours(target.browserContext())) return;
      const page = await target.page().catch(() => null);
      if (page) this.events.page(page);
    });
    if (this.options.policy.options.allowFileUrls)
      await guardFileUrls(browser, this.options.policy, this.fileRefusals);
    this.downloads = await configureDownloads(browser, this.options.outputDir, (file, frameId) =>
      this.events.download(file, frameId),
    );
    // An attached browser's default context and pages are the user's: we never touch them.
    if (!attach) {
      await this.downloads(undefined);
      this.initialPages = await browser.pages();
      this.cleanupOnExit(browser);
    }
    this.browser = browser;
    return browser;
  }

  /** Launches Chromium with a fresh (or the kept) profile, all its traffic through the proxy. */
  private async start(): Promise<Browser> {
    const executablePath = findBrowser(this.options.executablePath);
    if (process.getuid?.() === 0 && !this.options.noSandbox)
      throw new ToolError(
        'upstream',
        'Chromium refuses to start as root with its sandbox on, and this server runs as root.',
        'Start the server with --no-sandbox (env PUPPETEER_NO_SANDBOX=true), or run it as an ordinary user.',
      );
    this.proxyPort ??= await this.proxy.start();
    if (!this.options.userDataDir)
      this.tempProfile = await fs.mkdtemp(path.join(os.tmpdir(), 'bastion-chrome-'));
    const userDataDir = this.options.userDataDir ?? (this.tempProfile as string);
    try {
      return await launchChromium(executablePath, this.proxyPort, userDataDir, this.options);
    } catch (error) {
      await this.removeProfile();
      throw error;
    }
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

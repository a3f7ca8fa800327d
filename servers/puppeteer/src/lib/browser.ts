import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Logger, ToolError } from '@bastion-mcp/runtime';
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { guardFileUrls } from './file-guard.js';
import { findBrowser } from './find-browser.js';
import { attachBrowser, configureDownloads, type Downloads, launchArgs, loadPuppeteer } from './launch.js';
import { type BlockedRequest, PolicyProxy } from './proxy.js';
import { Session } from './session.js';
import type { Tab } from './tab.js';
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

/** Who is asking: a connection (its sandbox is per connection) or a stateless HTTP request. */
export interface Caller {
  era: 'legacy' | 'modern';
  /** One SDK instance per HTTP request (every 2026-era one, a 2025-era one without a session). */
  stateless?: boolean;
  sandbox: object;
}

const SHARED = {};
const IDLE_MS = 30 * 60_000;
const MAX_SESSIONS = 32;

/**
 * The browser, launched lazily and relaunched after it dies, and one Session per MCP connection.
 * A connection (stdio, or a 2025-era HTTP session) is known by its sandbox, which the runtime makes
 * per connection. Stateless requests get a fresh sandbox each time, so they share one session:
 * keyed by sandbox, each would leave a browser context behind for 30 minutes.
 */
export class BrowserHost {
  readonly proxy: PolicyProxy;
  /** Files downloaded into --output-dir, newest last (actions report new ones). */
  readonly downloads: string[] = [];
  private sessions = new Map<object, Session>();
  /** The session of the latest call (tests, and resources read without a session of their own). */
  last: Session | undefined;
  private browser: Browser | undefined;
  private launching: Promise<Browser> | undefined;
  private tempProfile: string | undefined;
  private proxyPort: number | undefined;
  private closing = false;
  private exitHook: (() => void) | undefined;
  /** Pages the browser opened by itself at launch, handed to the session that takes the default context. */
  private initialPages: Page[] = [];
  private applyDownloads: Downloads | undefined;

  constructor(readonly options: BrowserOptions) {
    this.proxy = new PolicyProxy(options.policy);
  }

  /** The caller's session with a live browser context, launching (or relaunching) the browser first. */
  async session(caller?: Caller): Promise<Session> {
    const key = !caller || caller.era === 'modern' || caller.stateless ? SHARED : caller.sandbox;
    this.sweep(key);
    let session = this.sessions.get(key);
    if (!session) {
      session = new Session(this.options.timeoutMs);
      this.sessions.set(key, session);
    }
    session.lastUsed = Date.now();
    this.last = session;
    const browser = await this.ensure();
    if (!session.context) await this.openContext(session, browser);
    return session;
  }

  /**
   * The first session of a launched browser takes its default context (a kept --user-data-dir lives
   * there), behind the launch-wide proxy. Every other session, and every session of an attached
   * browser (whose default context has the user's proxy, not ours), gets a new context with a proxy
   * listener of its own, so what that proxy refuses belongs to that session alone.
   */
  private async openContext(session: Session, browser: Browser) {
    const taken = [...this.sessions.values()].some((s) => s.isDefault);
    if (!this.options.attach && !taken) {
      session.isDefault = true;
      session.context = browser.defaultBrowserContext();
      session.proxy = this.proxy;
      this.proxy.blocked.length = 0; // an earlier holder's refusals are not this session's
      for (const page of this.initialPages.splice(0)) session.adopt(page);
      return;
    }
    const proxy = new PolicyProxy(this.options.policy);
    session.proxy = proxy;
    session.ownsProxy = true;
    const port = await proxy.start();
    // `<-loopback>` stops Chromium's implicit loopback bypass, per context as at launch.
    const context = await browser.createBrowserContext({
      proxyServer: `http://127.0.0.1:${port}`,
      proxyBypassList: ['<-loopback>'],
    });
    await this.applyDownloads?.(context.id);
    session.context = context;
  }

  /** The caller's session if it has one (no launch): a resource read knows its sandbox, not its era. */
  peek(sandbox: object): Session | undefined {
    return this.sessions.get(sandbox) ?? this.sessions.get(SHARED);
  }

  /**
   * The caller's current tab, and what the caller's proxy refused. The note says when the browser or
   * the tab's renderer had died.
   */
  async tab(caller?: Caller): Promise<{ tab: Tab; note?: string; blocked: readonly BlockedRequest[] }> {
    const session = await this.session(caller);
    if (!session.tabs.length) await this.newTab(session);
    let tab = session.currentTab() as Tab;
    if (tab.crashed) {
      // A crashed renderer answers nothing more: replace the tab, keep the others.
      const url = tab.page.url();
      await this.closeTab(session, session.tabs.indexOf(tab));
      tab = await this.newTab(session);
      return {
        tab,
        blocked: session.blocked,
        note: `The page's renderer crashed (at ${url}); it was closed and this is a fresh tab. Navigate again if needed.`,
      };
    }
    if (!session.died) return { tab, blocked: session.blocked };
    session.died = false;
    return {
      tab,
      blocked: session.blocked,
      note: this.options.attach
        ? 'The browser this server is attached to had gone away (closed, crashed or disconnected); it was attached again: tabs, cookies and refs from before are gone.'
        : 'The browser had exited (crashed or was killed) and was relaunched: tabs, cookies and refs from before are gone.',
    };
  }

  async newTab(session: Session): Promise<Tab> {
    const page = await (session.context as BrowserContext).newPage();
    const tab = session.adopt(page);
    session.current = session.tabs.indexOf(tab);
    return tab;
  }

  async closeTab(session: Session, index: number): Promise<void> {
    const tab = session.tabs[index];
    if (!tab)
      throw new ToolError('not_found', `There is no tab ${index}.`, 'Call browser_tabs with action "list".');
    session.forget(tab);
    await tab.page.close().catch(() => {});
  }

  /** Closes the browser (not the server); the next call launches a fresh one. An attached browser is
   * the user's: only our contexts are closed, then we disconnect. */
  async closeBrowser(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    const ours = [...this.sessions.values()].flatMap((s) => (s.context && !s.isDefault ? [s.context] : []));
    for (const session of this.sessions.values()) session.reset(false);
    this.initialPages = [];
    this.applyDownloads = undefined;
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

  async close(): Promise<void> {
    await this.closeBrowser();
    await this.proxy.close();
  }

  /** The Chromium process id while it runs (tests kill it to check recovery). */
  get pid(): number | undefined {
    return this.browser?.process()?.pid;
  }

  /** Browser contexts open in the browser, the default one included (tests check they do not pile up). */
  get contextCount(): number {
    return this.browser?.browserContexts().length ?? 0;
  }

  get running(): boolean {
    return Boolean(this.browser?.connected);
  }

  /**
   * Sessions end with their connection, which the tools never see: a session idle as long as the
   * runtime keeps an idle HTTP session (30 minutes) is closed, and so is the least recently used
   * one past 32.
   */
  private sweep(keep: object) {
    const now = Date.now();
    const byAge = [...this.sessions.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [i, [key, session]] of byAge.entries()) {
      if (key === keep) continue;
      const tooMany = byAge.length - i > MAX_SESSIONS;
      if (!tooMany && now - session.lastUsed < IDLE_MS) continue;
      this.sessions.delete(key);
      const context = session.context;
      if (context && !session.isDefault) void context.close().catch(() => {});
      else for (const tab of session.tabs) void tab.page.close().catch(() => {});
      session.reset(false);
    }
  }

  private async ensure(): Promise<Browser> {
    if (this.browser?.connected) return this.browser;
    this.launching ??= this.launch().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    const attach = this.options.attach;
    const browser = attach ? await attachBrowser(attach, this.options) : await this.start();
    browser.on('disconnected', () => {
      if (this.browser !== browser) return;
      this.browser = undefined;
      for (const session of this.sessions.values()) session.reset(!this.closing);
      this.initialPages = [];
      this.applyDownloads = undefined;
      void this.removeProfile();
    });
    browser.on('targetcreated', async (target) => {
      // Popups and window.open: adopt them into the session whose context opened them.
      if (target.type() !== 'page') return;
      const page = await target.page().catch(() => null);
      if (!page) return;
      const owner = [...this.sessions.values()].find((s) => s.context === page.browserContext());
      owner?.adopt(page);
    });
    if (this.options.policy.options.allowFileUrls) await guardFileUrls(browser, this.options.policy);
    this.applyDownloads = await configureDownloads(browser, this.options.outputDir, (file) =>
      this.downloads.push(file),
    );
    // An attached browser's default context and pages are the user's: we never touch them.
    if (!attach) {
      await this.applyDownloads(undefined);
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
    const puppeteer = await loadPuppeteer();
    try {
      const browser = await puppeteer.launch({
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
      this.options.log?.info(`browser started: ${executablePath}`);
      return browser;
    } catch (error) {
      await this.removeProfile();
      throw new ToolError(
        'upstream',
        `Chromium at ${executablePath} did not start: ${String((error as Error).message).split('\n')[0]}`,
        'Check the binary (--executable-path) and, as root, pass --no-sandbox.',
      );
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

import { ToolError } from '@bastion-mcp/runtime';
import type { Browser, Page } from 'puppeteer-core';
import { type BrowserOptions, Chromium } from './chromium.js';
import type { Refusal } from './file-guard.js';
import { type BlockedRequest, PolicyProxy } from './proxy.js';
import { Session } from './session.js';
import type { Tab } from './tab.js';

export type { BrowserOptions } from './chromium.js';

/** Who is asking: a tool's or resource's context (the runtime's connection identity). */
export interface Caller {
  era: 'legacy' | 'modern';
  /** One SDK instance per HTTP request (every 2026-era one, a 2025-era one without a session). */
  stateless: boolean;
  connection: object;
}

/** Stateless requests, and 2026-era clients (which have no sessions), share one session. */
const keyOf = (caller: Caller): object =>
  caller.era === 'modern' || caller.stateless ? SHARED : caller.connection;

const SHARED = {};
const IDLE_MS = 30 * 60_000;
const MAX_SESSIONS = 32;

/**
 * The browser, launched lazily and relaunched after it dies, and one Session per MCP connection
 * (stdio, or a 2025-era HTTP session), ended when the connection closes. Stateless requests share
 * one session: a context of their own each would be left behind for 30 minutes.
 */
export class BrowserHost {
  /** Files downloaded into --output-dir by any session, newest last (each tab keeps its own too). */
  readonly downloads: string[] = [];
  private sessions = new Map<object, Session>();
  /** Connections that closed: a call of theirs still in flight must not open a session again. */
  private released = new WeakSet<object>();
  /** The launched browser's default context went to a session (once per launch: it keeps what its holder left). */
  private defaultGiven = false;
  /** The session of the latest call (tests, and resources read without a session of their own). */
  last: Session | undefined;
  private readonly chromium: Chromium;

  constructor(readonly options: BrowserOptions) {
    this.chromium = new Chromium(options, {
      gone: (unexpected) => {
        this.defaultGiven = false;
        for (const session of this.sessions.values()) session.reset(unexpected);
      },
      // Popups and window.open: adopt them into the session whose context opened them.
      page: (page) => this.ownerOf(page)?.adopt(page),
      ours: (context) =>
        !this.options.attach || [...this.sessions.values()].some((s) => s.context === context),
      download: (file, frameId) => {
        this.downloads.push(file);
        if (this.downloads.length > 100) this.downloads.shift();
        this.tabOfFrame(frameId)?.downloads.push(file);
      },
    });
  }

  /** The caller's session with a live browser context, launching (or relaunching) the browser first. */
  async session(caller?: Caller): Promise<Session> {
    const key = caller ? keyOf(caller) : SHARED;
    if (this.released.has(key))
      throw new ToolError('conflict', 'The connection closed while this call was running.');
    this.sweep(key);
    let session = this.sessions.get(key);
    if (!session) {
      session = new Session(this.options.timeoutMs);
      this.sessions.set(key, session);
    }
    session.lastUsed = Date.now();
    this.last = session;
    const browser = await this.chromium.ensure();
    if (!session.context) {
      // Concurrent first calls of one session share one opening, so no context is left behind.
      session.opening ??= this.openContext(session, browser, key).finally(() => {
        session.opening = undefined;
      });
      await session.opening;
    }
    return session;
  }

  /**
   * The first session of a launched browser takes its default context (a kept --user-data-dir lives
   * there), behind the launch-wide proxy; it is never handed on, since it keeps the cookies, storage
   * and service workers its holder left. Every other session, and every session of an attached
   * browser (whose default context has the user's proxy, not ours), gets a new context with a proxy
   * listener of its own, so what that proxy refuses belongs to that session alone.
   */
  private async openContext(session: Session, browser: Browser, key: object) {
    if (!this.options.attach && !this.defaultGiven) {
      this.defaultGiven = true;
      session.isDefault = true;
      session.context = browser.defaultBrowserContext();
      session.proxy = this.chromium.proxy;
      session.proxy.blocked.length = 0; // an earlier holder's refusals are not this session's
      for (const page of this.chromium.takeInitialPages()) session.adopt(page);
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
    await this.chromium.applyDownloads(context.id);
    if (this.sessions.get(key) !== session) {
      // The connection closed while its context was opening.
      await context.close().catch(() => {});
      await proxy.close();
      throw new ToolError('conflict', 'The connection closed while its browser context was opening.');
    }
    session.context = context;
  }

  /** The session a resource read may see (no launch): the one the same caller's tools use. */
  peek(caller: Caller): Session | undefined {
    return this.sessions.get(keyOf(caller));
  }

  /** The connection closed: its session's context and tabs go with it. */
  release(connection: object): void {
    this.released.add(connection);
    const session = this.sessions.get(connection);
    if (!session) return;
    this.sessions.delete(connection);
    session.end();
  }

  /**
   * The caller's current tab, and what the caller's proxy refused. The note says when the browser or
   * the tab's renderer had died.
   */
  async tab(caller?: Caller): Promise<{ tab: Tab; note?: string; blocked: readonly BlockedRequest[] }> {
    const session = await this.session(caller);
    if (!session.tabs.length) await session.newTab();
    let tab = session.currentTab() as Tab;
    if (tab.crashed) {
      // A crashed renderer answers nothing more: replace the tab, keep the others.
      const url = tab.page.url();
      await session.closeTab(session.tabs.indexOf(tab));
      tab = await session.newTab();
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

  /** Closes the browser (not the server); the next call launches a fresh one. An attached browser is
   * the user's: only our contexts are closed, then we disconnect. */
  async closeBrowser(): Promise<void> {
    const ours = [...this.sessions.values()].flatMap((s) => (s.context && !s.isDefault ? [s.context] : []));
    for (const session of this.sessions.values()) session.reset(false);
    this.defaultGiven = false;
    await this.chromium.close(ours);
  }

  async close(): Promise<void> {
    await this.closeBrowser();
    await this.chromium.proxy.close();
  }

  /** The Chromium process id while it runs (tests kill it to check recovery). */
  get pid(): number | undefined {
    return this.chromium.pid;
  }

  /** Browser contexts open in the browser, the default one included (tests check they do not pile up). */
  get contextCount(): number {
    return this.chromium.contextCount;
  }

  get running(): boolean {
    return this.chromium.running;
  }

  /** Why the file: guard failed a URL (the page only reports net::ERR_ACCESS_DENIED). */
  fileRefusal(url: string): Refusal | undefined {
    return url.startsWith('file:') ? this.chromium.fileRefusals.get(url) : undefined;
  }

  /** The tab one of whose frames has this CDP id (puppeteer keeps it as the frame's `_id`). */
  private tabOfFrame(frameId: string): Tab | undefined {
    for (const session of this.sessions.values())
      for (const tab of session.tabs)
        if (tab.page.frames().some((f) => (f as unknown as { _id: string })._id === frameId)) return tab;
    return undefined;
  }

  private ownerOf(page: Page): Session | undefined {
    return [...this.sessions.values()].find((s) => s.context === page.browserContext());
  }

  /**
   * Sessions end with their connection (release); as a second line, a session idle as long as the
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
      session.end();
    }
  }
}

import { ToolError } from '@bastion-mcp/runtime';
import type { BrowserContext, Page } from 'puppeteer-core';
import type { BlockedRequest, PolicyProxy } from './proxy.js';
import { Tab } from './tab.js';

export interface Shot {
  data: Buffer;
  mimeType: string;
}

const MAX_SHOTS = 20;

/**
 * What one MCP connection sees of the browser: its own browser context (cookies, storage, pages
 * invisible to other connections), its tabs and which one is current.
 */
export class Session {
  tabs: Tab[] = [];
  current = 0;
  context: BrowserContext | undefined;
  /** Set while the context is being opened (concurrent first calls wait for the same one). */
  opening: Promise<void> | undefined;
  /** The proxy this session's context uses: what it refused is this session's to see, no one else's. */
  proxy: PolicyProxy | undefined;
  /** True when the proxy is this session's own (closed with it), not the launch-wide one. */
  ownsProxy = false;
  /** True when this session holds the browser's default context (a kept --user-data-dir lives there). */
  isDefault = false;
  /** Set when the browser died while this session had a context: its next answer says so. */
  died = false;
  lastUsed = Date.now();
  /** Screenshots taken with a name, for screenshot://<name>: the newest 20, this connection's only. */
  readonly screenshots = new Map<string, Shot>();

  constructor(private readonly timeoutMs: number) {}

  get blocked(): readonly BlockedRequest[] {
    return this.proxy?.blocked ?? [];
  }

  keepScreenshot(name: string, shot: Shot) {
    this.screenshots.delete(name); // re-inserted last, so the oldest go first
    this.screenshots.set(name, shot);
    if (this.screenshots.size > MAX_SHOTS)
      this.screenshots.delete(this.screenshots.keys().next().value as string);
  }

  currentTab(): Tab | undefined {
    return this.tabs[this.current] ?? this.tabs[0];
  }

  adopt(page: Page): Tab {
    const known = this.tabs.find((t) => t.page === page);
    if (known) return known;
    page.setDefaultTimeout(this.timeoutMs);
    page.setDefaultNavigationTimeout(this.timeoutMs);
    const tab = new Tab(page);
    this.tabs.push(tab);
    page.on('close', () => this.forget(tab));
    return tab;
  }

  async newTab(): Promise<Tab> {
    const page = await (this.context as BrowserContext).newPage();
    const tab = this.adopt(page);
    this.current = this.tabs.indexOf(tab);
    return tab;
  }

  async closeTab(index: number): Promise<void> {
    const tab = this.tabs[index];
    if (!tab)
      throw new ToolError('not_found', `There is no tab ${index}.`, 'Call browser_tabs with action "list".');
    this.forget(tab);
    await tab.page.close().catch(() => {});
  }

  forget(tab: Tab) {
    const index = this.tabs.indexOf(tab);
    if (index === -1) return;
    this.tabs.splice(index, 1);
    if (this.current > index || this.current >= this.tabs.length)
      this.current = Math.max(this.current - 1, 0);
  }

  /** The connection is gone: close its context (or, on the default context, its tabs). */
  end() {
    if (this.context && !this.isDefault) void this.context.close().catch(() => {});
    else for (const tab of this.tabs) void tab.page.close().catch(() => {});
    this.reset(false);
  }

  /** The browser went away (or the session ended): nothing of its browser state is left. */
  reset(died: boolean) {
    if (died && this.context) this.died = true;
    this.tabs = [];
    this.current = 0;
    this.context = undefined;
    this.isDefault = false;
    if (this.ownsProxy) void this.proxy?.close();
    this.proxy = undefined;
    this.ownsProxy = false;
  }
}

import type { BrowserContext, Page } from 'puppeteer-core';
import { Tab } from './tab.js';

/**
 * What one MCP connection sees of the browser: its own browser context (cookies, storage, pages
 * invisible to other connections), its tabs and which one is current.
 */
export class Session {
  tabs: Tab[] = [];
  current = 0;
  context: BrowserContext | undefined;
  /** True when this session holds the browser's default context (a kept --user-data-dir lives there). */
  isDefault = false;
  /** Set when the browser died while this session had a context: its next answer says so. */
  died = false;
  lastUsed = Date.now();

  constructor(private readonly timeoutMs: number) {}

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

  forget(tab: Tab) {
    const index = this.tabs.indexOf(tab);
    if (index === -1) return;
    this.tabs.splice(index, 1);
    if (this.current > index || this.current >= this.tabs.length)
      this.current = Math.max(this.current - 1, 0);
  }

  /** The browser went away: nothing of this session's browser state is left. */
  reset(died: boolean) {
    if (died && this.context) this.died = true;
    this.tabs = [];
    this.current = 0;
    this.context = undefined;
    this.isDefault = false;
  }
}

import type { Dialog, HTTPRequest, Page } from 'puppeteer-core';
import { BLOCK_FIX_HEADER, BLOCK_HEADER } from './proxy.js';
import { RefRegistry } from './refs.js';

export interface ConsoleEntry {
  level: string;
  text: string;
  url?: string;
  time: number;
}

export interface NetworkEntry {
  id: number;
  method: string;
  url: string;
  type: string;
  status?: number;
  size?: number;
  ms?: number;
  failure?: string;
  /** The policy rule that refused it, and what would allow it. */
  blocked?: string;
  fix?: string;
  start: number;
}

const RING = 500;

function push<T>(ring: T[], item: T) {
  ring.push(item);
  if (ring.length > RING) ring.shift();
}

/** One page and what the server remembers about it: logs, requests, an open dialog, refs. */
export class Tab {
  readonly console: ConsoleEntry[] = [];
  readonly network: NetworkEntry[] = [];
  /** Files this tab's pages downloaded into --output-dir, newest last. */
  readonly downloads: string[] = [];
  /** How many of them an action's answer has named (one that finished between actions is named next). */
  downloadsReported = 0;
  readonly refs = new RefRegistry();
  dialog: Dialog | undefined;
  /** Set when the page's renderer crashed: the tab is replaced on the next call. */
  crashed = false;
  /** The last snapshot's text, to answer actions with what changed. */
  lastSnapshot: string | undefined;
  private nextId = 1;
  private byRequest = new WeakMap<HTTPRequest, NetworkEntry>();
  private dialogWaiters: ((dialog: Dialog) => void)[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      const location = message.location();
      push(this.console, {
        level: message.type(),
        text: message.text(),
        ...(location.url ? { url: location.url } : {}),
        time: Date.now(),
      });
    });
    page.on('pageerror', (error) => {
      push(this.console, {
        level: 'error',
        text: `Uncaught ${String((error as Error).message ?? error)}`,
        time: Date.now(),
      });
    });
    page.on('request', (request) => {
      const entry: NetworkEntry = {
        id: this.nextId++,
        method: request.method(),
        url: request.url(),
        type: request.resourceType(),
        start: Date.now(),
      };
      this.byRequest.set(request, entry);
      push(this.network, entry);
    });
    page.on('requestfinished', (request) => {
      const entry = this.byRequest.get(request);
      const response = request.response();
      if (!entry || !response) return;
      entry.status = response.status();
      entry.ms = Date.now() - entry.start;
      const blocked = response.headers()[BLOCK_HEADER];
      if (blocked) entry.blocked = decodeURIComponent(blocked);
      const fix = response.headers()[BLOCK_FIX_HEADER];
      if (fix) entry.fix = decodeURIComponent(fix);
      const length = Number(response.headers()['content-length']);
      if (Number.isFinite(length)) entry.size = length;
    });
    page.on('requestfailed', (request) => {
      const entry = this.byRequest.get(request);
      if (!entry) return;
      entry.failure = request.failure()?.errorText ?? 'failed';
      entry.ms = Date.now() - entry.start;
    });
    page.on('error', () => {
      this.crashed = true;
    });
    page.on('dialog', (dialog) => {
      this.dialog = dialog;
      for (const waiter of this.dialogWaiters.splice(0)) waiter(dialog);
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.lastSnapshot = undefined;
    });
  }

  /** Resolves when a dialog opens (used to race actions that a dialog blocks). */
  nextDialog(): Promise<Dialog> {
    return new Promise((resolve) => this.dialogWaiters.push(resolve));
  }

  consoleErrorsSince(time: number): ConsoleEntry[] {
    return this.console.filter((entry) => entry.time >= time && entry.level === 'error');
  }
}

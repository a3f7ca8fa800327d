import type { ResourceSpec } from '@bastion-mcp/runtime';
import type { PuppeteerState } from './tool.js';

/** The reference server's console://logs: the current tab's console, one message a line. */
export const consoleLogsResource: ResourceSpec<PuppeteerState> = {
  name: 'console_logs',
  title: 'Browser console logs',
  description:
    "Console messages of this connection's current tab (the last 500); empty before its first tool call. Stateless HTTP clients: use browser_console_messages",
  mimeType: 'text/plain',
  uri: 'console://logs',
  async read(uri, _variables, ctx) {
    const browser = ctx.state.browser;
    // Only the reader's own session: over HTTP another client's console is none of its business.
    const tab = browser.running ? browser.peek(ctx)?.currentTab() : undefined;
    const body = (tab?.console ?? []).map((e) => `[${e.level}] ${e.text}`).join('\n');
    return [{ uri: uri.href, mimeType: 'text/plain', text: body }];
  },
};

/** The reference server's screenshot://<name>: screenshots taken with a name. */
export const screenshotResource: ResourceSpec<PuppeteerState> = {
  name: 'screenshot',
  title: 'Named screenshot',
  description: 'A screenshot this connection took with browser_take_screenshot name=<name> (the newest 20)',
  template: 'screenshot://{name}',
  async list(ctx) {
    // Like console://logs, only the reader's own session's: one client's pages are not another's.
    const shots = ctx.state.browser.peek(ctx)?.screenshots ?? new Map();
    const resources = [...shots.keys()].map((name) => ({
      uri: `screenshot://${name}`,
      name: `Screenshot: ${name}`,
      mimeType: 'image/png',
    }));
    return { resources };
  },
  async read(uri, variables, ctx) {
    const shot = ctx.state.browser.peek(ctx)?.screenshots.get(String(variables.name));
    if (!shot)
      throw new Error(
        `No screenshot named ${String(variables.name)}; take one with browser_take_screenshot name=...`,
      );
    return [{ uri: uri.href, mimeType: shot.mimeType, blob: shot.data.toString('base64') }];
  },
};

import { toolsFor } from '@bastion-mcp/runtime';
import type { BrowserHost } from './lib/browser.js';
import type { UrlPolicy } from './lib/url-policy.js';

/** What every handler of this server finds in `ctx.state`. */
export interface PuppeteerState {
  browser: BrowserHost;
  policy: UrlPolicy;
  outputDir: string | undefined;
  timeoutMs: number;
  /** The response budget: tools that wrap page content cut it themselves so the wrapper stays whole. */
  budget: number;
}

export const tool = toolsFor<PuppeteerState>();

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
  /** Screenshots kept in memory by name for the screenshot://<name> resource (the reference's shape). */
  screenshots: Map<string, { data: Buffer; mimeType: string }>;
}

export const tool = toolsFor<PuppeteerState>();

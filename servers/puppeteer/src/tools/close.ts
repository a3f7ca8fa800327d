import { text, z } from '@bastion-mcp/runtime';
import { tool } from '../tool.js';

export const browserClose = tool({
  name: 'browser_close',
  title: 'Close the browser',
  description:
    'Close the browser and its tabs; the next call starts a fresh one (with a new temporary profile).',
  kind: 'write',
  input: z.object({}),
  async handle(_input, ctx) {
    const wasRunning = ctx.state.browser.running;
    await ctx.state.browser.closeBrowser();
    return text(wasRunning ? 'Closed the browser.' : 'The browser was not running.');
  },
});

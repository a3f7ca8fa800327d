import { text, z } from '@bastion-mcp/runtime';
import { act } from '../lib/act.js';
import { tool } from '../tool.js';

function historyTool(name: string, title: string, verb: string, go: 'goBack' | 'goForward' | 'reload') {
  return tool({
    name,
    title,
    description: `${title} in the current tab and wait for the page to load.`,
    kind: 'write',
    openWorld: true,
    input: z.object({}),
    async handle(_input, ctx) {
      const { tab, note } = await ctx.state.browser.tab(ctx);
      const answer = await act(ctx, tab, note, async () => {
        const before = tab.page.url();
        // A page restored from the back/forward cache answers null, so compare URLs instead.
        const response = await tab.page[go]({ waitUntil: 'domcontentloaded' });
        if (!response && go !== 'reload' && tab.page.url() === before)
          return `Nothing to go ${verb} to; the page stayed.`;
        return `Went ${verb}.`;
      });
      return text(answer);
    },
  });
}

export const browserNavigateBack = historyTool('browser_navigate_back', 'Go back', 'back', 'goBack');
export const browserNavigateForward = historyTool(
  'browser_navigate_forward',
  'Go forward',
  'forward',
  'goForward',
);
export const browserReload = historyTool('browser_reload', 'Reload the page', 'on (reloaded)', 'reload');

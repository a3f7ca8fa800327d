import { text, z } from '@bastion-mcp/runtime';
import { act } from '../lib/act.js';
import { tool } from '../tool.js';

const NO_ENTRY = Symbol('no history entry');

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
        const nothing = `Nothing to go ${verb} to; the page stayed.`;
        // Newer Chromium rejects a step past either end of the history instead of answering null.
        const response = await tab.page[go]({ waitUntil: 'domcontentloaded' }).catch((error: Error) => {
          if (/History entry .*not found/i.test(error.message)) return NO_ENTRY;
          throw error;
        });
        if (response === NO_ENTRY) return nothing;
        if (!response && go !== 'reload' && tab.page.url() === before) return nothing;
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

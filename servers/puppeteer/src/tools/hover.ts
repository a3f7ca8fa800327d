import { text, z } from '@bastion-mcp/runtime';
import { act } from '../lib/act.js';
import { resolveTarget, targetFields } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

export const browserHover = tool({
  name: 'browser_hover',
  title: 'Hover over an element',
  description:
    'Move the mouse over an element given by ref or selector; answers with what changed (menus, tooltips).',
  kind: 'write',
  openWorld: true,
  aliases: ['puppeteer_hover'],
  input: z.object(targetFields),
  async handle(input, ctx) {
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const answer = await act(ctx, tab, note, async () => {
      const { handle, label } = await resolveTarget(tab, input, ctx.state.timeoutMs);
      await handle.hover();
      return `Hovered over ${label}.`;
    });
    return text(answer);
  },
});

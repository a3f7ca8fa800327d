import { text, z } from '@bastion-mcp/runtime';
import { act } from '../lib/act.js';
import { resolveTarget } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

export const browserDrag = tool({
  name: 'browser_drag',
  title: 'Drag and drop',
  description: 'Drag one element onto another, each given by ref or selector.',
  kind: 'write',
  openWorld: true,
  input: z.object({
    startRef: z.string().optional().describe('Ref of the element to drag'),
    startSelector: z.string().optional().describe('Selector of the element to drag (instead of startRef)'),
    endRef: z.string().optional().describe('Ref of the drop target'),
    endSelector: z.string().optional().describe('Selector of the drop target (instead of endRef)'),
  }),
  async handle(input, ctx) {
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const answer = await act(ctx, tab, note, async () => {
      const from = await resolveTarget(
        tab,
        { ref: input.startRef, selector: input.startSelector },
        ctx.state.timeoutMs,
        'start',
      );
      const to = await resolveTarget(
        tab,
        { ref: input.endRef, selector: input.endSelector },
        ctx.state.timeoutMs,
        'end',
      );
      await from.handle.drop(to.handle);
      return `Dragged ${from.label} onto ${to.label}.`;
    });
    return text(answer);
  },
});

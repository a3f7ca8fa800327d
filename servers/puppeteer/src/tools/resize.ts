import { text, z } from '@bastion-mcp/runtime';
import { tool } from '../tool.js';

export const browserResize = tool({
  name: 'browser_resize',
  title: 'Resize the viewport',
  description: 'Set the viewport of the current tab to width x height CSS pixels.',
  kind: 'write',
  input: z.object({
    width: z.number().int().min(100).max(4000).describe('Width in CSS pixels'),
    height: z.number().int().min(100).max(4000).describe('Height in CSS pixels'),
  }),
  async handle({ width, height }, ctx) {
    const { tab, note } = await ctx.state.browser.tab(ctx);
    await tab.page.setViewport({ width, height });
    return text(`${note ? `${note}\n` : ''}Viewport is now ${width}x${height}.`);
  },
});

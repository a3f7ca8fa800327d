import { text, z } from '@bastion-mcp/runtime';
import type { KeyInput } from 'puppeteer-core';
import { act } from '../lib/act.js';
import { resolveTarget, targetFields } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

const MODIFIERS = ['Alt', 'Control', 'Meta', 'Shift'] as const;

export const browserClick = tool({
  name: 'browser_click',
  title: 'Click an element',
  description:
    'Click an element given by ref (from browser_snapshot) or selector. Waits for any navigation and for the page to settle, then answers with what changed.',
  kind: 'write',
  openWorld: true,
  aliases: ['puppeteer_click'],
  input: z.object({
    ...targetFields,
    button: z.enum(['left', 'right', 'middle']).default('left').describe('Mouse button'),
    double: z.boolean().default(false).describe('Double-click'),
    modifiers: z.array(z.enum(MODIFIERS)).default([]).describe('Keys held during the click'),
  }),
  async handle(input, ctx) {
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const answer = await act(ctx, tab, note, async () => {
      const { handle, label } = await resolveTarget(tab, input, ctx.state.timeoutMs);
      const keyboard = tab.page.keyboard;
      for (const key of input.modifiers) await keyboard.down(key as KeyInput);
      try {
        await handle.click({ button: input.button, count: input.double ? 2 : 1 });
      } finally {
        for (const key of input.modifiers) await keyboard.up(key as KeyInput);
      }
      return `${input.double ? 'Double-clicked' : 'Clicked'} ${label}.`;
    });
    return text(answer);
  },
});

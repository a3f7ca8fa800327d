import { invalidInput, text, z } from '@bastion-mcp/runtime';
import type { KeyInput } from 'puppeteer-core';
import { act } from '../lib/act.js';
import { resolveTarget, targetFields } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

export const browserPressKey = tool({
  name: 'browser_press_key',
  title: 'Press a key',
  description:
    'Press a key or chord ("Enter", "ArrowDown", "Control+A") on the focused element, or on an element given by ref or selector.',
  kind: 'write',
  openWorld: true,
  input: z.object({
    key: z.string().min(1).describe('Key name or chord, e.g. "Enter", "Tab", "Shift+Tab", "a"'),
    ref: targetFields.ref,
    selector: targetFields.selector,
    element: targetFields.element,
  }),
  async handle(input, ctx) {
    const parts = input.key.split('+').filter(Boolean) as KeyInput[];
    if (!parts.length) throw invalidInput('key: empty.', 'Pass a key such as "Enter".');
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const answer = await act(ctx, tab, note, async () => {
      let where = '';
      if (input.ref !== undefined || input.selector !== undefined) {
        const { handle, label } = await resolveTarget(tab, input, ctx.state.timeoutMs);
        await handle.focus();
        where = ` on ${label}`;
      }
      const keyboard = tab.page.keyboard;
      try {
        for (const key of parts.slice(0, -1)) await keyboard.down(key);
        await keyboard.press(parts[parts.length - 1] as KeyInput);
      } catch (error) {
        throw invalidInput(
          `key: ${(error as Error).message}`,
          'Use names like Enter, Tab, ArrowDown, Escape, a, Control+A.',
        );
      } finally {
        for (const key of parts.slice(0, -1).reverse()) await keyboard.up(key).catch(() => {});
      }
      return `Pressed ${input.key}${where}.`;
    });
    return text(answer);
  },
});

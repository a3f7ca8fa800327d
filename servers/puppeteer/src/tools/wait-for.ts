import { invalidInput, ToolError, text, z } from '@bastion-mcp/runtime';
import { bounded, dialogLine } from '../lib/act.js';
import { tool } from '../tool.js';

export const browserWaitFor = tool({
  name: 'browser_wait_for',
  title: 'Wait for text or time',
  description:
    'Wait until text appears on the page, or disappears, or for a number of seconds; capped by the server timeout.',
  kind: 'read',
  openWorld: true,
  input: z.object({
    text: z.string().min(1).optional().describe('Wait until this text is on the page'),
    textGone: z.string().min(1).optional().describe('Wait until this text is no longer on the page'),
    time: z.number().min(0).max(60).optional().describe('Seconds to wait'),
  }),
  async handle(input, ctx) {
    const given = [input.text, input.textGone, input.time].filter((v) => v !== undefined).length;
    if (given !== 1)
      throw invalidInput(
        'give exactly one of text, textGone or time.',
        'Pass text: "Done", textGone: "Loading", or time: 2.',
      );
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const cap = ctx.state.timeoutMs;
    const prefix = note ? `${note}\n` : '';
    if (input.time !== undefined) {
      const ms = Math.min(input.time * 1000, cap);
      await bounded(new Promise((resolve) => setTimeout(resolve, ms)), ms + 1000, ctx.signal, 'The wait');
      return text(`${prefix}Waited ${ms / 1000} s.`);
    }
    const wanted = (input.text ?? input.textGone) as string;
    const appear = input.text !== undefined;
    try {
      await bounded(
        tab.page.waitForFunction(
          // biome-ignore lint/performance/useDomNodeTextContent: only text a user can see counts
          (t: string, appear: boolean) => (document.body?.innerText ?? '').includes(t) === appear,
          { timeout: cap, polling: 100 },
          wanted,
          appear,
        ),
        cap + 1000,
        ctx.signal,
        'The wait',
      );
    } catch {
      if (tab.dialog) return text(`${prefix}${dialogLine(tab.dialog)}`);
      throw new ToolError(
        'timeout',
        `${JSON.stringify(wanted)} did not ${appear ? 'appear' : 'disappear'} within ${cap} ms.`,
        'Check the text with browser_get_text, or wait again.',
      );
    }
    return text(`${prefix}${JSON.stringify(wanted)} ${appear ? 'appeared' : 'is gone'}.`);
  },
});

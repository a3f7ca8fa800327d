import { invalidInput, text, z } from '@bastion-mcp/runtime';
import { act } from '../lib/act.js';
import { appendValue, replaceValue } from '../lib/fill.js';
import { resolveTarget, targetFields } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

export const browserType = tool({
  name: 'browser_type',
  title: 'Type into a field',
  description:
    "Type text into an editable element (input, textarea, contenteditable) given by ref or selector. Replaces the field's value unless append is true; submit presses Enter afterwards.",
  kind: 'write',
  openWorld: true,
  aliases: ['puppeteer_fill'],
  input: z.object({
    ...targetFields,
    text: z.string().optional().describe('Text to type'),
    value: z.string().optional().describe("Same as text (the reference server's name for it)"),
    append: z.boolean().default(false).describe('Type after the current value instead of replacing it'),
    submit: z.boolean().default(false).describe('Press Enter afterwards'),
    slowly: z.boolean().default(false).describe('One key at a time (for pages that react to each key)'),
  }),
  async handle(input, ctx) {
    const value = input.text ?? input.value;
    if (value === undefined) throw invalidInput('text: required.', 'Pass the text to type.');
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const answer = await act(ctx, tab, note, async () => {
      const { handle, label } = await resolveTarget(tab, input, ctx.state.timeoutMs);
      if (input.append) await appendValue(handle, value, input.slowly);
      else await replaceValue(handle, value, ctx.state.timeoutMs, input.slowly);
      if (input.submit) await handle.press('Enter');
      return `${input.append ? 'Appended' : 'Typed'} ${value.length} characters into ${label}${input.submit ? ' and pressed Enter' : ''}.`;
    });
    return text(answer);
  },
});

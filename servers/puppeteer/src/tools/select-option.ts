import { invalidInput, text, z } from '@bastion-mcp/runtime';
import { act } from '../lib/act.js';
import { selectOptions } from '../lib/fill.js';
import { resolveTarget, targetFields } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

export const browserSelectOption = tool({
  name: 'browser_select_option',
  title: 'Select options in a dropdown',
  description:
    'Select one or more options of a <select> (by ref or selector), each by value or visible label.',
  kind: 'write',
  openWorld: true,
  aliases: ['puppeteer_select'],
  input: z.object({
    ...targetFields,
    values: z.array(z.string()).optional().describe('Option values or labels to select'),
    value: z.string().optional().describe("One option (the reference server's field)"),
  }),
  async handle(input, ctx) {
    const wanted = input.values ?? (input.value === undefined ? [] : [input.value]);
    if (!wanted.length)
      throw invalidInput('values: give at least one option.', 'Pass values: ["an option"].');
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const answer = await act(ctx, tab, note, async () => {
      const { handle, label } = await resolveTarget(tab, input, ctx.state.timeoutMs);
      const result = await selectOptions(handle, wanted).catch(() => undefined);
      if (!result)
        throw invalidInput(
          `${label} is not a <select>.`,
          'For custom dropdowns use browser_click on the option.',
        );
      if (result.missing.length)
        throw invalidInput(
          `${label} has no option ${result.missing.map((m) => JSON.stringify(m)).join(', ')}.`,
          'Use values or labels shown in the snapshot.',
        );
      return `Selected ${result.values.map((v) => JSON.stringify(v)).join(', ')} in ${label}.`;
    });
    return text(answer);
  },
});

import { invalidInput, text, z } from '@bastion-mcp/runtime';
import { act } from '../lib/act.js';
import { controlKind, replaceValue, selectOptions } from '../lib/fill.js';
import { resolveTarget, targetFields } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

export const browserFillForm = tool({
  name: 'browser_fill_form',
  title: 'Fill several form fields',
  description:
    'Fill several fields in one call: text fields get their value replaced, checkboxes and radios are set to value "true" or "false", selects pick the option with that value or label. Each field by ref or selector.',
  kind: 'write',
  openWorld: true,
  input: z.object({
    fields: z
      .array(
        z.object({
          ...targetFields,
          value: z.string().describe('Text, "true"/"false" for checkboxes and radios, or an option'),
        }),
      )
      .min(1)
      .max(100)
      .describe('The fields to fill, in order'),
  }),
  async handle({ fields }, ctx) {
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const answer = await act(ctx, tab, note, async () => {
      // Resolve all first, so a bad field fails the call before anything is typed.
      const targets = [];
      for (const [i, field] of fields.entries())
        targets.push(await resolveTarget(tab, field, ctx.state.timeoutMs, `fields[${i}]`));
      const done: string[] = [];
      for (const [i, { handle, label }] of targets.entries()) {
        const value = (fields[i] as { value: string }).value;
        const kind = await controlKind(handle);
        if (kind === 'checkbox' || kind === 'radio') {
          const want = /^(true|on|yes|1|checked)$/i.test(value);
          const checked = await handle.evaluate(
            (el) => (el as HTMLInputElement).checked ?? el.getAttribute('aria-checked') === 'true',
          );
          if (checked !== want) await handle.click();
          done.push(`${label}: ${want ? 'checked' : 'unchecked'}`);
        } else if (kind === 'select') {
          const { missing } = await selectOptions(handle, [value]);
          if (missing.length)
            throw invalidInput(
              `fields[${i}]: ${label} has no option "${value}".`,
              'Use an option value or label from the snapshot.',
            );
          done.push(`${label}: selected ${JSON.stringify(value)}`);
        } else if (kind === 'file') {
          throw invalidInput(`fields[${i}]: ${label} is a file input.`, 'Use browser_file_upload for it.');
        } else {
          await replaceValue(handle, value, ctx.state.timeoutMs);
          done.push(`${label}: ${value.length} characters`);
        }
      }
      return `Filled ${done.length} fields: ${done.join('; ')}.`;
    });
    return text(answer);
  },
});

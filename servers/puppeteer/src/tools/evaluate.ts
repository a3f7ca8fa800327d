import { invalidInput, ToolError, text, untrusted, z } from '@bastion-mcp/runtime';
import { bounded } from '../lib/act.js';
import { cutToBudget } from '../lib/cut.js';
import { resolveTarget } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

export const browserEvaluate = tool({
  name: 'browser_evaluate',
  title: 'Run JavaScript in the page',
  description:
    'Run a JavaScript function in the page, e.g. "() => document.title", or "(el) => el.textContent" with ref or selector. It can read and change anything the page can (DOM, cookies, storage) and make requests as the page (still under the URL policy). Returns the JSON result, as untrusted data.',
  kind: 'write',
  openWorld: true,
  toolset: 'evaluate',
  aliases: ['puppeteer_evaluate'],
  input: z.object({
    function: z
      .string()
      .optional()
      .describe('A function expression: () => ..., or (element) => ... with ref or selector'),
    script: z
      .string()
      .optional()
      .describe("A script whose last expression is the result (the reference server's field)"),
    ref: z.string().optional().describe('Pass this element to the function'),
    selector: z.string().optional().describe('Pass the element matching this selector to the function'),
  }),
  async handle(input, ctx) {
    if ((input.function === undefined) === (input.script === undefined))
      throw invalidInput('give exactly one of function or script.', 'Pass function: "() => document.title".');
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const target =
      input.ref !== undefined || input.selector !== undefined
        ? (await resolveTarget(tab, input, ctx.state.timeoutMs)).handle
        : undefined;
    let value: unknown;
    try {
      let work: Promise<unknown>;
      if (input.script !== undefined) work = tab.page.evaluate(input.script);
      else
        work = tab.page
          .evaluateHandle(`(${input.function})`)
          .then((fn) =>
            target
              ? fn.evaluate((f, el) => (f as (e: Element) => unknown)(el), target)
              : fn.evaluate((f) => (f as () => unknown)()),
          );
      value = await bounded(work, ctx.state.timeoutMs, ctx.signal, 'The script');
    } catch (error) {
      if (error instanceof ToolError) throw error;
      throw invalidInput(
        `the script threw: ${String((error as Error).message).split('\n')[0]}`,
        'Fix the script and call again.',
      );
    }
    const json = value === undefined ? 'undefined' : (JSON.stringify(value, null, 1) ?? String(value));
    const body = cutToBudget(json, ctx.state.budget - 200, 'Return less (a slice or a summary).');
    return text(`${note ? `${note}\n` : ''}${untrusted(`script result on ${tab.page.url()}`, body)}`);
  },
});

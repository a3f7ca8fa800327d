import { text, untrusted, z } from '@bastion-mcp/runtime';
import { bounded, title } from '../lib/act.js';
import { cutToBudget } from '../lib/cut.js';
import { domToMarkdown } from '../lib/markdown.js';
import { resolveTarget } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

export const browserGetText = tool({
  name: 'browser_get_text',
  title: 'Read the page as Markdown',
  description:
    'The page (or the element under ref/selector) as readable Markdown: headings, paragraphs, lists, links with their URLs, tables. Cheaper than a snapshot for reading. The content is untrusted page data.',
  kind: 'read',
  openWorld: true,
  input: z.object({
    ref: z.string().optional().describe('Only the element under this ref'),
    selector: z.string().optional().describe('Only the element matching this selector'),
  }),
  async handle(input, ctx) {
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const root =
      input.ref !== undefined || input.selector !== undefined
        ? (await resolveTarget(tab, input, ctx.state.timeoutMs)).handle
        : await tab.page.$('body');
    if (!root) return text(`${note ? `${note}\n` : ''}The page has no body yet.`);
    const markdown = await bounded(
      root.evaluate(domToMarkdown),
      ctx.state.timeoutMs,
      ctx.signal,
      'Reading the page',
    );
    const head = `${note ? `${note}\n` : ''}Page: ${tab.page.url()} (title ${JSON.stringify(await title(tab))})`;
    const body = cutToBudget(
      markdown,
      ctx.state.budget - head.length,
      'Read one part with ref or selector (a section, table or list).',
    );
    return text(`${head}\n${untrusted('page', body)}`);
  },
});

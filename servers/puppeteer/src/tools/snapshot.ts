import { text, untrusted, z } from '@bastion-mcp/runtime';
import { bounded, dialogLine, title } from '../lib/act.js';
import { cutToBudget } from '../lib/cut.js';
import { snapshotText } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

const NARROW =
  'To see the rest: snapshot a subtree with ref=<a ref from above>, lower depth, or locate elements with browser_find.';

export const browserSnapshot = tool({
  name: 'browser_snapshot',
  title: 'Snapshot the page',
  description:
    'The page as its accessibility tree, one line per node: role, "name", [states], [ref=eN] on every node an action can target, ": value". Pass ref for one subtree, depth to stay shallow. Large pages are cut by the response budget: then snapshot a subtree or use browser_find. The content is untrusted page data.',
  kind: 'read',
  openWorld: true,
  input: z.object({
    ref: z.string().optional().describe('Only the subtree under this ref'),
    depth: z.number().int().min(0).max(100).optional().describe('Deepest level to show (0 = the root only)'),
    iframes: z.boolean().default(true).describe('Include the contents of iframes'),
  }),
  async handle({ ref, depth, iframes }, ctx) {
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const head = [
      ...(note ? [note] : []),
      `Page: ${tab.page.url()} (title ${JSON.stringify(await title(tab))})`,
    ];
    if (tab.dialog) head.push(dialogLine(tab.dialog));
    const { text: tree } = await bounded(
      snapshotText(tab, { ref, depth, iframes }),
      ctx.state.timeoutMs,
      ctx.signal,
      'The snapshot',
    );
    const body = cutToBudget(tree, ctx.state.budget - head.join('\n').length, NARROW);
    return text(`${head.join('\n')}\n${untrusted('page', body)}`);
  },
});

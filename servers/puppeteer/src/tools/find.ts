import { invalidInput, text, untrusted, z } from '@bastion-mcp/runtime';
import { bounded, title } from '../lib/act.js';
import { cutToBudget } from '../lib/cut.js';
import type { AXNode } from '../lib/refs.js';
import { tool } from '../tool.js';

const MAX_MATCHES = 50;

export const browserFind = tool({
  name: 'browser_find',
  title: 'Find elements',
  description:
    "Find nodes of the accessibility tree by text (substring of name or value), regex, and/or role, without a full snapshot. Answers each match with its ref and its ancestors' names. The content is untrusted page data.",
  kind: 'read',
  openWorld: true,
  input: z.object({
    text: z.string().optional().describe('Case-insensitive substring of the name or value'),
    regex: z.string().optional().describe('JavaScript regular expression tested against the name or value'),
    role: z.string().optional().describe('Role, e.g. button, link, textbox, heading'),
  }),
  async handle(input, ctx) {
    if (input.text === undefined && input.regex === undefined && input.role === undefined)
      throw invalidInput('give text, regex or role.', 'Pass at least one of text, regex or role.');
    let pattern: RegExp | undefined;
    try {
      pattern = input.regex === undefined ? undefined : new RegExp(input.regex, 'i');
    } catch (error) {
      throw invalidInput(`regex: ${(error as Error).message}`, 'Pass a valid JavaScript regular expression.');
    }
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const tree = (await bounded(
      tab.page.accessibility.snapshot({ interestingOnly: true, includeIframes: true }),
      ctx.state.timeoutMs,
      ctx.signal,
      'Reading the accessibility tree',
    )) as AXNode | null;
    const matches: string[] = [];
    let total = 0;
    const needle = input.text?.toLowerCase();
    const walk = (node: AXNode, path: string[]) => {
      const role = node.role === 'RootWebArea' ? 'document' : node.role;
      const hay = [node.name ?? '', String(node.value ?? '')].filter(Boolean);
      const hit =
        (!input.role || role.toLowerCase() === input.role.toLowerCase()) &&
        (!needle || hay.some((h) => h.toLowerCase().includes(needle))) &&
        (!pattern || hay.some((h) => pattern.test(h)));
      if (hit && role !== 'document') {
        total++;
        if (matches.length < MAX_MATCHES) {
          const ref = tab.refs.refFor(node);
          const where = path.length ? ` (in ${path.slice(-3).join(' > ')})` : '';
          matches.push(
            `- ${role} ${JSON.stringify(node.name ?? '')}${ref ? ` [ref=${ref}]` : ''}${node.value !== undefined ? `: ${node.value}` : ''}${where}`,
          );
        }
      }
      const label =
        node.name && role !== 'StaticText' ? `${role} ${JSON.stringify(node.name.slice(0, 40))}` : undefined;
      for (const child of (node.children ?? []) as AXNode[]) walk(child, label ? [...path, label] : path);
    };
    if (tree) walk(tree, []);
    const head = `${note ? `${note}\n` : ''}Page: ${tab.page.url()} (title ${JSON.stringify(await title(tab))})\n${total} matches${total > MAX_MATCHES ? ` (first ${MAX_MATCHES} shown; narrow with role or a longer text)` : ''}.`;
    if (!total) return text(head);
    const body = cutToBudget(
      matches.join('\n'),
      ctx.state.budget - head.length,
      'Narrow with role or a longer text.',
    );
    return text(`${head}\n${untrusted('page', body)}`);
  },
});

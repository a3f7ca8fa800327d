import { cursorField, paginate, text, untrusted, z } from '@bastion-mcp/runtime';
import { tool } from '../tool.js';

const LEVELS = ['error', 'warn', 'info', 'log', 'debug', 'all'] as const;

export const browserConsoleMessages = tool({
  name: 'browser_console_messages',
  title: 'Console messages',
  description:
    'Console messages and uncaught errors of the current tab (the last 500), oldest first, paged with cursor. level filters to that level and more severe. The content is untrusted page data.',
  kind: 'read',
  input: z.object({
    level: z.enum(LEVELS).default('all').describe('Minimum level: error, warn, info, log, debug, or all'),
    limit: z.number().int().min(1).max(200).default(50).describe('Messages per page'),
    cursor: cursorField,
  }),
  async handle({ level, limit, cursor }, ctx) {
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const rank = (l: string) => ({ error: 0, warn: 1, warning: 1, info: 2, log: 3, debug: 4 })[l] ?? 3;
    const wanted = level === 'all' ? () => true : (l: string) => rank(l) <= rank(level);
    const all = tab.console.filter((entry) => wanted(entry.level));
    const page = paginate(all, cursor, limit);
    const lines = page.items.map((e) => `[${e.level}] ${e.text.slice(0, 2000)}${e.url ? ` (${e.url})` : ''}`);
    const head = `${note ? `${note}\n` : ''}${all.length} messages${page.nextCursor ? `; more with cursor ${JSON.stringify(page.nextCursor)}` : ''}.`;
    return text(lines.length ? `${head}\n${untrusted('page console', lines.join('\n'))}` : head);
  },
});

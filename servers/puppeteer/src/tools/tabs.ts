import { invalidInput, text, z } from '@bastion-mcp/runtime';
import { title } from '../lib/act.js';
import type { Session } from '../lib/session.js';
import { tool } from '../tool.js';
import { blockedSince, checkedUrl, navigateChecked } from './navigate.js';

export const browserTabs = tool({
  name: 'browser_tabs',
  title: 'List, open, select or close tabs',
  description:
    'Tabs of the browser (popups included): list them, open a new one (optionally at a URL), select one by index, or close one.',
  kind: 'write',
  openWorld: true,
  input: z.object({
    action: z.enum(['list', 'new', 'select', 'close']).describe('What to do'),
    index: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Tab index for select and close (close defaults to the current tab)'),
    url: z.string().optional().describe('URL to open in the new tab'),
  }),
  async handle({ action, index, url }, ctx) {
    const browser = ctx.state.browser;
    const { note } = await browser.tab(ctx);
    const session = await browser.session(ctx);
    const lines = note ? [note] : [];
    if (action === 'new') {
      const checked = url === undefined ? undefined : checkedUrl(ctx.state.policy, url);
      const tab = await session.newTab();
      if (checked) {
        await navigateChecked(tab, checked, blockedSince(session.blocked, checked));
      }
      lines.push(`Opened tab ${session.tabs.indexOf(tab)}.`);
    } else if (action === 'select' || action === 'close') {
      const target = index ?? (action === 'close' ? session.current : undefined);
      if (target === undefined || !session.tabs[target])
        throw invalidInput(
          `index: ${target === undefined ? 'required' : `no tab ${target}`} (there are ${session.tabs.length}).`,
          'Call browser_tabs with action "list" for the indexes.',
        );
      if (action === 'select') {
        session.current = target;
        await session.tabs[target]?.page.bringToFront();
        lines.push(`Selected tab ${target}.`);
      } else {
        await session.closeTab(target);
        lines.push(`Closed tab ${target}.`);
      }
    }
    return text([...lines, ...(await listing(session))].join('\n'));
  },
});

async function listing(session: Session): Promise<string[]> {
  const lines: string[] = [];
  for (const [i, tab] of session.tabs.entries())
    lines.push(
      `${i === session.current ? '*' : ' '} ${i}: ${tab.page.url()} ${JSON.stringify(await title(tab))}`,
    );
  return lines;
}

/**
 * browser_tabs under --read-only: listing is a read, so it stays; new, select and close (writes) go.
 * A tool has one kind, so read-only mode gets this narrower tool under the same name.
 */
export const browserTabsReadOnly = tool({
  name: 'browser_tabs',
  title: 'List tabs',
  description:
    'Tabs of the browser (popups included), the current one marked *. Read-only mode: listing only.',
  kind: 'read',
  openWorld: true,
  input: z.object({ action: z.enum(['list']).describe('What to do (read-only mode: list only)') }),
  async handle(_input, ctx) {
    const { note } = await ctx.state.browser.tab(ctx);
    const lines = await listing(await ctx.state.browser.session(ctx));
    return text([...(note ? [note] : []), ...lines].join('\n'));
  },
});

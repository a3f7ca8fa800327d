import { cursorField, paginate, text, untrusted, z } from '@bastion-mcp/runtime';
import type { NetworkEntry } from '../lib/tab.js';
import { tool } from '../tool.js';

export const browserNetworkRequests = tool({
  name: 'browser_network_requests',
  title: 'Network requests',
  description:
    'Requests of the current tab (the last 500) plus requests the URL policy blocked: method, URL, status, type, size, time, and "BLOCKED by policy" with the rule. Filter by URL substring or blocked only; paged with cursor. URLs are untrusted page data.',
  kind: 'read',
  input: z.object({
    filter: z.string().optional().describe('Only URLs containing this text'),
    blockedOnly: z.boolean().default(false).describe('Only requests the URL policy blocked'),
    limit: z.number().int().min(1).max(200).default(50).describe('Requests per page'),
    cursor: cursorField,
  }),
  async handle({ filter, blockedOnly, limit, cursor }, ctx) {
    const browser = ctx.state.browser;
    // Only what this session's own proxy refused: another connection's refusals are not its business.
    const { tab, note, blocked: proxyBlocks } = await browser.tab(ctx);
    // Tunnels (https, wss) and sockets the page never reports are known only to the proxy; file:
    // requests the guard failed reach the page as a bare net::ERR_ACCESS_DENIED.
    const entries: NetworkEntry[] = tab.network.map((entry) => {
      if (entry.blocked || !entry.failure) return entry;
      const host = hostPort(entry.url);
      const block =
        browser.fileRefusal(entry.url) ?? proxyBlocks.find((b) => b.url === entry.url || b.hostPort === host);
      return block ? { ...entry, blocked: block.rule, fix: block.fix } : entry;
    });
    for (const block of proxyBlocks) {
      if (!entries.some((e) => e.url === block.url || (e.blocked && hostPort(e.url) === block.hostPort)))
        entries.push({
          id: 0,
          method: '-',
          url: block.url,
          type: 'other',
          blocked: block.rule,
          fix: block.fix,
          start: block.time,
        });
    }
    entries.sort((a, b) => a.start - b.start);
    const all = entries.filter((e) => (!filter || e.url.includes(filter)) && (!blockedOnly || e.blocked));
    const page = paginate(all, cursor, limit);
    const lines = page.items.map(
      (e) =>
        `${e.method} ${e.url} ${e.blocked ? `BLOCKED by policy (${e.blocked})` : (e.status ?? e.failure ?? 'pending')} ${e.type}${e.size !== undefined ? ` ${e.size}B` : ''}${e.ms !== undefined ? ` ${e.ms}ms` : ''}`,
    );
    // Once per distinct fix rather than on every line: a page may be refused hundreds of times.
    const fixes = new Set(page.items.flatMap((e) => (e.blocked && e.fix ? [e.fix] : [])));
    for (const fix of fixes) lines.push(`To allow blocked requests: ${fix}`);
    const head = `${note ? `${note}\n` : ''}${all.length} requests${page.nextCursor ? `; more with cursor ${JSON.stringify(page.nextCursor)}` : ''}.`;
    return text(lines.length ? `${head}\n${untrusted('page network log', lines.join('\n'))}` : head);
  },
});

function hostPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^\[|\]$/g, '')}:${u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? 443 : 80)}`;
  } catch {
    return '';
  }
}

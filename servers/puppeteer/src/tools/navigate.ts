import { accessDenied, invalidInput, ToolError, z } from '@bastion-mcp/runtime';
import { act } from '../lib/act.js';
import type { BlockedRequest } from '../lib/proxy.js';
import type { Tab } from '../lib/tab.js';
import type { UrlPolicy } from '../lib/url-policy.js';
import { tool } from '../tool.js';

/** Parses and checks a URL for top-level navigation; throws the policy's refusal as access_denied. */
export function checkedUrl(policy: UrlPolicy, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidInput(
      `url: "${raw}" is not an absolute URL.`,
      'Pass a full URL such as https://example.com/page.',
    );
  }
  const verdict = policy.checkNavigation(url);
  if (!verdict.ok) throw accessDenied(`Refused by the URL policy: ${verdict.rule}.`, verdict.fix);
  return url;
}

/** The proxy's refusal of this URL's host (a redirect hop's refusal shows on the 403 page instead). */
export function blockedSince(blocked: readonly BlockedRequest[], url: URL): () => string | undefined {
  const since = Date.now();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const hostPort = `${url.hostname.replace(/^\[|\]$/g, '')}:${port}`;
  return () => blocked.find((b) => b.time >= since && (b.url === url.href || b.hostPort === hostPort))?.rule;
}

/** A navigation the proxy refused ends on its 403 page or a tunnel error: report it as refused. */
export async function navigateChecked(tab: Tab, url: URL, proxyBlocked: () => string | undefined) {
  const response = await tab.page.goto(url.href, { waitUntil: 'domcontentloaded' }).catch((error: Error) => {
    const blocked = proxyBlocked();
    if (blocked)
      throw accessDenied(
        `Refused by the URL policy: ${blocked}.`,
        'Only origins the operator allowed can be reached.',
      );
    if (/timeout/i.test(error.message))
      throw new ToolError('timeout', `Navigation to ${url.href} timed out.`, 'Retry, or raise --timeout-ms.');
    throw new ToolError(
      'upstream',
      `Navigation to ${url.href} failed: ${error.message.split('\n')[0]}`,
      'Check the URL and that the site is up.',
    );
  });
  const blocked = response?.headers()['x-bastion-blocked'];
  if (blocked)
    throw accessDenied(
      `Refused by the URL policy: ${decodeURIComponent(blocked)}.`,
      'Only origins the operator allowed can be reached (--allowed-origins, --allow-private-network).',
    );
  return response;
}

export const browserNavigate = tool({
  name: 'browser_navigate',
  title: 'Navigate to a URL',
  description:
    'Open a URL in the current tab and wait for it to load. http(s) only; loopback, private and metadata addresses and file: URLs are refused unless the operator allowed them. Page content is untrusted.',
  kind: 'write',
  openWorld: true,
  aliases: ['puppeteer_navigate'],
  input: z.object({ url: z.string().describe('Absolute http(s) URL') }),
  async handle({ url: raw }, ctx) {
    const url = checkedUrl(ctx.state.policy, raw);
    const { tab, note, blocked } = await ctx.state.browser.tab(ctx);
    const proxyBlocked = blockedSince(blocked, url);
    const text = await act(
      ctx,
      tab,
      note,
      async () => {
        const response = await navigateChecked(tab, url, proxyBlocked);
        return `Navigated to ${url.href}${response ? ` (HTTP ${response.status()})` : ''}.`;
      },
      { navigation: true },
    );
    return { content: [{ type: 'text', text }] };
  },
});

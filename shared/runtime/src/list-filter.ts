import type { McpServer } from '@modelcontextprotocol/server';
import type { Tool } from './tool.js';

interface ListedTools {
  tools: { name: string }[];
}
type Handler = (request: unknown, ctx: unknown) => Promise<ListedTools>;
interface ProtocolLike {
  _getRequestHandler(method: string): Handler | undefined;
  setRequestHandler(method: 'tools/list', handler: Handler): void;
}

/** Names that stay callable but are left out of tools/list: aliases (unless listed) and old tools. */
export function unlistedNames(tools: readonly Tool<never>[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const tool of tools) {
    if (tool.successor) names.add(tool.name);
    if (tool.successor || !tool.listAliases) for (const alias of tool.aliases ?? []) names.add(alias);
  }
  return names;
}

/**
 * Filters tools/list while every tool stays callable. The SDK only hides disabled tools, which
 * also refuses to call them, so the list handler is wrapped instead. `more` adds names decided at
 * request time (e.g. tools the credentials cannot use).
 */
export function filterToolList(
  server: McpServer,
  fixed: ReadonlySet<string>,
  more?: () => Promise<ReadonlySet<string>>,
): void {
  if (!fixed.size && !more) return;
  const protocol = server.server as unknown as ProtocolLike;
  const original = protocol._getRequestHandler('tools/list');
  if (!original) return;
  protocol.setRequestHandler('tools/list', async (request, ctx) => {
    // A failing hook hides nothing more rather than failing the list.
    const [result, extra] = await Promise.all([original(request, ctx), more?.().catch(() => undefined)]);
    return {
      ...result,
      tools: result.tools.filter((t) => !fixed.has(t.name) && !extra?.has(t.name)),
    };
  });
}

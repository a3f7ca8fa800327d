/**
 * Hides tools from tools/list while keeping them callable: the reference server's old names
 * (aliases) work for existing prompts without crowding the list a model reads. The runtime lists
 * its own aliases, so this wraps the SDK instance's tools/list handler through `extend`.
 */
interface ListedTools {
  tools: { name: string }[];
}
interface ProtocolLike {
  _getRequestHandler(method: string): ((request: unknown, ctx: unknown) => Promise<ListedTools>) | undefined;
  setRequestHandler(
    method: 'tools/list',
    handler: (request: unknown, ctx: unknown) => Promise<ListedTools>,
  ): void;
}

export function hideFromList(server: { server: unknown }, hidden: ReadonlySet<string>): void {
  if (!hidden.size) return;
  const protocol = server.server as ProtocolLike;
  const original = protocol._getRequestHandler('tools/list');
  if (!original) return;
  protocol.setRequestHandler('tools/list', async (request, ctx) => {
    const result = await original(request, ctx);
    return { ...result, tools: result.tools.filter((t) => !hidden.has(t.name)) };
  });
}

/**
 * Hides tools from tools/list while keeping them callable: the reference server's old names
 * (aliases), and tools the token's scopes cannot use. The runtime lists its own aliases and fixes
 * the tool list at start, so this wraps each SDK instance's tools/list handler through `extend`.
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
  oninitialized?: () => void;
}

export function hideFromList(server: { server: unknown }, hidden: () => Promise<ReadonlySet<string>>): void {
  const protocol = server.server as ProtocolLike;
  const original = protocol._getRequestHandler('tools/list');
  if (!original) return;
  protocol.setRequestHandler('tools/list', async (request, ctx) => {
    const [result, names] = await Promise.all([original(request, ctx), hidden()]);
    return { ...result, tools: result.tools.filter((t) => !names.has(t.name)) };
  });
}

/** Runs `start` once the client sent notifications/initialized (after whatever ran there before). */
export function afterInitialized(server: { server: unknown }, start: () => void): void {
  const protocol = server.server as ProtocolLike;
  const previous = protocol.oninitialized;
  protocol.oninitialized = () => {
    previous?.();
    start();
  };
}

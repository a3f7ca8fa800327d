import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import type { McpServer } from '@modelcontextprotocol/server';
import type { Logger } from '../log.js';
import { errorResponse } from './jsonrpc-guard.js';

interface Session {
  transport: NodeStreamableHTTPServerTransport;
  server: McpServer;
  lastSeen: number;
}

export interface LegacySessionOptions {
  /** Builds the 2025-era instance a session is pinned to. */
  create: () => McpServer;
  log: Logger;
  maxSessions?: number;
  idleMs?: number;
}

/**
 * 2025-era Streamable HTTP with sessions (Mcp-Session-Id), so server-to-client requests (roots,
 * sampling, elicitation), logging and subscriptions work for those clients over HTTP too.
 */
export class LegacySessions {
  readonly #sessions = new Map<string, Session>();
  readonly #options: Required<LegacySessionOptions>;
  readonly #sweeper: NodeJS.Timeout;

  constructor(options: LegacySessionOptions) {
    this.#options = { maxSessions: 256, idleMs: 30 * 60_000, ...options };
    this.#sweeper = setInterval(() => this.#sweep(), 60_000).unref();
  }

  /** Answers a request that carries a session id, or opens a session for an initialize. */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    sessionId: string | undefined,
  ): Promise<void> {
    if (sessionId) {
      const session = this.#sessions.get(sessionId);
      if (!session) return reply(res, 404, -32001, 'Session not found: initialize a new session.');
      session.lastSeen = Date.now();
      return session.transport.handleRequest(req, res, body);
    }
    if (this.#sessions.size >= this.#options.maxSessions) {
      return reply(res, 503, -32000, 'Too many open sessions; close one (DELETE) or retry later.');
    }
    const transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        this.#sessions.set(id, { transport, server, lastSeen: Date.now() });
      },
      onsessionclosed: (id) => {
        this.#sessions.delete(id);
      },
    });
    const server = this.#options.create();
    transport.onclose = () => {
      if (transport.sessionId) this.#sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    const open = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(open.map((s) => s.server.close().catch(() => {})));
  }

  #sweep(): void {
    const cutoff = Date.now() - this.#options.idleMs;
    for (const [id, session] of this.#sessions) {
      if (session.lastSeen >= cutoff) continue;
      this.#sessions.delete(id);
      this.#options.log.debug(`closing idle session ${id}`);
      session.server.close().catch(() => {});
    }
  }
}

export function reply(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  id: string | number | null = null,
): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(errorResponse({ id, code, message })));
}

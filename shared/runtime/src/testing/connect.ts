import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createMcpHandler, InMemoryTransport } from '@modelcontextprotocol/server';
import type { ToolResult } from '../result.js';
import type { BastionServer } from '../server.js';

export type Era = 'legacy' | 'modern';

export interface TestClient {
  client: Client;
  /** Calls a tool and returns its result (isError results included; protocol errors throw). */
  call(name: string, args?: Record<string, unknown>): Promise<ToolResult>;
  /** The text of a result's text blocks, joined. */
  textOf(result: ToolResult): string;
  /** Tells the server the client's roots changed (2025-era memory connections only). */
  setRoots(paths: string[]): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** `legacy` = 2025 era (initialize); `modern` = 2026-07-28 (server/discover). */
  era?: Era;
  /**
   * `memory` keeps one 2025-era connection (roots, notifications); `http` goes through the
   * Streamable HTTP handler's fetch, as a remote client would. Modern is always `http`.
   */
  via?: 'memory' | 'http';
  /** Directories the client offers as MCP roots (2025 era, memory only). */
  roots?: string[];
}

/** Connects a real SDK client to a server in-process, in either protocol era. */
export async function connect(server: BastionServer, options: ConnectOptions = {}): Promise<TestClient> {
  const era = options.era ?? 'legacy';
  let roots = options.roots;
  const client = new Client(
    { name: 'bastion-test', version: '1.0.0' },
    {
      capabilities: roots ? { roots: { listChanged: true } } : {},
      ...(era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {}),
    },
  );
  if (roots) client.setRequestHandler('roots/list', () => ({ roots: (roots ?? []).map(toRoot) }));

  let closeServer = async () => {};
  if (era === 'legacy' && (options.via ?? 'memory') === 'memory') {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    const instance = server.factory({ era: 'legacy' });
    await instance.connect(serverSide);
    await client.connect(clientSide);
    closeServer = () => instance.close();
  } else {
    const handler = createMcpHandler((ctx) => server.factory(ctx));
    const removeSink = server.addUpdateSink((uri) => handler.notify.resourceUpdated(uri));
    const fetch = (url: string | URL, init?: RequestInit) => handler.fetch(new Request(url, init));
    await client.connect(new StreamableHTTPClientTransport(new URL('http://127.0.0.1/mcp'), { fetch }));
    closeServer = async () => {
      removeSink();
      await handler.close();
    };
  }
  return wrap(
    client,
    async () => closeServer(),
    async (paths) => {
      roots = paths;
      await client.sendRootsListChanged();
    },
  );
}

/** Connects a real SDK client to a server listening on a URL (e.g. a bin started with --http). */
export async function connectUrl(
  url: string,
  options: { era?: Era; headers?: Record<string, string> } = {},
): Promise<TestClient> {
  const client = new Client(
    { name: 'bastion-test', version: '1.0.0' },
    options.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  const requestInit = options.headers ? { headers: options.headers } : undefined;
  await client.connect(new StreamableHTTPClientTransport(new URL(url), requestInit ? { requestInit } : {}));
  return wrap(
    client,
    async () => {},
    async () => {},
  );
}

export interface SpawnOptions {
  era?: Era;
  env?: Record<string, string>;
  cwd?: string;
}

/** Starts a built bin over stdio, as a user's client would, and connects to it. */
export async function spawnBin(
  bin: string,
  args: string[] = [],
  options: SpawnOptions = {},
): Promise<TestClient & { stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, ...args],
    env: { ...(process.env as Record<string, string>), ...options.env },
    stderr: 'pipe',
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client(
    { name: 'bastion-test', version: '1.0.0' },
    options.era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  await client.connect(transport);
  const wrapped = wrap(
    client,
    () => client.close(),
    async () => {},
  );
  return { ...wrapped, stderr: () => stderr };
}

export interface HttpBin {
  /** The MCP endpoint the bin logged. */
  url: string;
  /** SIGTERM: the bin finishes running calls and exits. */
  stop(): void;
}

/** Starts a built bin with --http on a free port and resolves with the URL it logs on stderr. */
export function serveHttpBin(bin: string, args: string[] = []): Promise<HttpBin> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--http', '--port', '0', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /serving Streamable HTTP at (\S+)/.exec(log);
      if (match) resolve({ url: match[1] as string, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`${bin} exited ${code} before serving: ${log}`)));
  });
}

function toRoot(path: string) {
  return { uri: pathToFileURL(path).href, name: path };
}

function wrap(
  client: Client,
  closeServer: () => Promise<void>,
  setRoots: (paths: string[]) => Promise<void>,
): TestClient {
  return {
    client,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as ToolResult,
    textOf: (result) =>
      result.content
        .filter((b) => b.type === 'text')
        .map((b) => (b as { text: string }).text)
        .join('\n'),
    setRoots,
    close: async () => {
      await client.close();
      await closeServer();
    },
  };
}

import {
  type McpRequestContext,
  McpServer,
  type McpServerOptions,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { errorSummary, isToolError } from './errors.js';
import { filterToolList, unlistedNames } from './list-filter.js';
import { createLogger, type Logger } from './log.js';
import { DEFAULT_TOOLSETS, type Selection, selectTools, type Toolset } from './registry.js';
import {
  type PromptSpec,
  type ResourceSpec,
  registerPrompt,
  registerResource,
  serveResourceList,
} from './resources.js';
import { applyBudget, type ToolResult } from './result.js';
import { Sandbox, type SandboxOptions } from './sandbox/resolver.js';
import { clientRootPaths, narrowRoots } from './sandbox/roots.js';
import { withJsonSchema } from './schemas.js';
import { redact } from './secrets.js';
import { Subscriptions, type UpdateSink } from './subscriptions.js';
import type { Tool, ToolContext } from './tool.js';

export const DEFAULT_BUDGET = 60_000;

export interface ServerSpec<S> {
  /** Short name, e.g. `filesystem`; the MCP server name becomes `bastion-<name>`. */
  name: string;
  version: string;
  instructions?: string;
  tools: readonly Tool<S>[];
  toolsets?: readonly Toolset[];
  resources?: readonly ResourceSpec<S>[];
  prompts?: readonly PromptSpec<S>[];
  /** The server's own shared state, handed to every handler as `ctx.state`. */
  state: S;
  selection?: Selection;
  /** Real paths of the CLI roots; client roots may narrow them per connection. */
  roots?: readonly string[];
  sandbox?: SandboxOptions;
  /** Character budget applied to every tool result. */
  budget?: number;
  log?: Logger;
  /**
   * Direct access to each SDK instance after the runtime registered everything: for protocol
   * features the runtime does not wrap (the conformance fixture uses it). Servers should not need it.
   */
  extend?: (server: McpServer, era: 'legacy' | 'modern') => void;
  /** Tools to leave out of tools/list, decided per request (e.g. what the credentials cannot use). */
  unlisted?: () => Promise<ReadonlySet<string>>;
  /** Extra SDK server options (e.g. a requestState verify hook); same caveat as `extend`. */
  sdkOptions?: Partial<McpServerOptions>;
  /**
   * Called when a connection closes (stdio, or an HTTP session ended or expired) with the
   * `connection` its calls saw, to release what the server kept for it.
   */
  onConnectionClose?: (connection: object) => void | Promise<void>;
  /** Releases what `state` holds (pools, watchers); called once at shutdown. */
  close?: () => Promise<void>;
}

/** A built server: cheap to create, no I/O until a client connects. */
export interface BastionServer {
  readonly name: string;
  readonly version: string;
  /** The exposed tools, in tools/list order. */
  readonly tools: readonly Tool<never>[];
  /** Builds one SDK instance for one connection (stdio) or one request (HTTP). */
  factory(ctx?: Partial<McpRequestContext>): McpServer;
  /** Adds where 2026-era resource updates go (the HTTP handler's listen bus); returns a remover. */
  addUpdateSink(sink: UpdateSink): () => void;
  /** Resolves when no tool call is running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function defineServer<S>(spec: ServerSpec<S>): BastionServer {
  const tools = selectTools(spec.tools, spec.toolsets ?? DEFAULT_TOOLSETS, spec.selection ?? {});
  const log = spec.log ?? createLogger(spec.name, 'silent');
  const budget = spec.budget ?? DEFAULT_BUDGET;
  const cliRoots = spec.roots ?? [];
  const subscriptions = new Subscriptions(spec.resources ?? [], log);
  const unlisted = unlistedNames(tools as readonly Tool<never>[]);
  let running = 0;
  let wake: (() => void) | undefined;
  let closed = false;

  const factory = (ctx: Partial<McpRequestContext> = {}) => {
    const era = ctx.era ?? 'legacy';
    const server = new McpServer(
      { name: `bastion-${spec.name}`, version: spec.version },
      {
        ...spec.sdkOptions,
        capabilities: capabilities(spec),
        ...(spec.instructions ? { instructions: spec.instructions } : {}),
      },
    );
    const sandbox = new Sandbox(cliRoots, spec.sandbox);
    // Only a 2025-era connection (stdio, an HTTP session) can ask the client for roots; a stateless
    // request instance (requestInfo set) cannot.
    const connected = era === 'legacy' && !ctx.requestInfo;
    const rootsRead = connected ? followClientRoots(server, sandbox, cliRoots, log) : Promise.resolve();
    // Client roots can only narrow a connection that initialized; a client that calls without
    // initializing (or an opening the SDK re-pinned to the 2025 era) gets the CLI roots instead of
    // waiting forever for a handshake that never comes.
    const rootsReady = () => (server.server.getClientCapabilities() ? rootsRead : Promise.resolve());
    const stateless = Boolean(ctx.requestInfo);
    const connection = {};
    const base = (c: ServerContext): ToolContext<S> => ({
      state: spec.state,
      sandbox,
      signal: c.mcpReq.signal,
      log,
      era,
      stateless,
      connection,
      progress: progressReporter(c),
    });

    for (const tool of tools) {
      const run = async (args: unknown, c: ServerContext): Promise<ToolResult> => {
        running++;
        try {
          await rootsReady();
          return applyBudget(await tool.handle(args as never, base(c)), budget);
        } catch (error) {
          return errorResult(tool.name, error, log);
        } finally {
          if (--running === 0) wake?.();
        }
      };
      const config = {
        title: tool.title,
        inputSchema: withJsonSchema(tool.input, tool.name),
        annotations: tool.annotations,
        ...(tool.output ? { outputSchema: withJsonSchema(tool.output, tool.name) } : {}),
      };
      server.registerTool(tool.name, { ...config, description: tool.description }, run);
      for (const alias of tool.aliases ?? []) {
        server.registerTool(
          alias,
          { ...config, description: `Deprecated alias of ${tool.name}. ${tool.description}` },
          run,
        );
      }
    }
    filterToolList(server, unlisted, spec.unlisted);
    const resourceBase = { state: spec.state, sandbox, era, connection, stateless };
    const resourceCtx = { ...resourceBase, signal: new AbortController().signal };
    const onRead = era === 'modern' ? subscriptions.watchRead.bind(subscriptions) : undefined;
    for (const resource of spec.resources ?? []) {
      registerResource(server, resource, resourceBase, rootsReady, onRead);
    }
    serveResourceList(server, spec.resources ?? [], resourceBase, rootsReady);
    if (subscriptions.enabled) {
      server.server.registerCapabilities({ resources: { subscribe: true } });
      if (connected) subscriptions.attachLegacy(server, resourceCtx);
      // A 2026-era stdio instance lives as long as its connection: its notifications reach the
      // entry's listen router. (HTTP adds the handler's bus as a sink instead.)
      if (era === 'modern' && !ctx.requestInfo) {
        const remove = subscriptions.addSink(
          (uri) => void server.server.sendResourceUpdated({ uri }).catch(() => {}),
        );
        const previous = server.server.onclose;
        server.server.onclose = () => {
          previous?.();
          remove();
        };
      }
    }
    for (const prompt of spec.prompts ?? []) registerPrompt(server, prompt, spec.state, sandbox);
    const onConnectionClose = spec.onConnectionClose;
    if (onConnectionClose && !stateless) {
      const previous = server.server.onclose;
      server.server.onclose = () => {
        previous?.();
        void Promise.resolve(onConnectionClose(connection)).catch((e) => log.warn('connection close', e));
      };
    }
    spec.extend?.(server, era);
    // Tools, prompts and resource lists are fixed for the life of a process: say so, rather than
    // the SDK's default of promising change notifications that never come.
    const declared = server.server.getCapabilities();
    server.server.registerCapabilities({
      tools: { ...declared.tools, listChanged: false },
      ...(declared.prompts ? { prompts: { ...declared.prompts, listChanged: false } } : {}),
      ...(declared.resources ? { resources: { ...declared.resources, listChanged: false } } : {}),
    });
    return server;
  };

  return {
    name: spec.name,
    version: spec.version,
    tools: tools as readonly Tool<never>[],
    factory,
    addUpdateSink: (sink) => subscriptions.addSink(sink),
    idle: () =>
      running === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            wake = resolve;
          }),
    close: async () => {
      if (closed) return;
      closed = true;
      await subscriptions.close();
      await spec.close?.();
    },
  };
}

function capabilities<S>(spec: ServerSpec<S>) {
  return {
    tools: {},
    ...(spec.resources?.length ? { resources: {} } : {}),
    ...(spec.prompts?.length ? { prompts: {} } : {}),
  };
}

function progressReporter(c: ServerContext): ToolContext<unknown>['progress'] {
  const token = c.mcpReq._meta?.progressToken;
  return async (progress, total, message) => {
    if (token === undefined) return;
    await c.mcpReq.notify({
      method: 'notifications/progress',
      params: {
        progressToken: token,
        progress,
        ...(total === undefined ? {} : { total }),
        ...(message ? { message } : {}),
      },
    });
  };
}

/** Unexpected failures give the model one short line; the stack goes to stderr only. */
export function errorResult(tool: string, error: unknown, log: Logger): ToolResult {
  if (isToolError(error)) return { content: [{ type: 'text', text: redact(error.toText()) }], isError: true };
  log.error(`tool ${tool} failed unexpectedly`, error);
  const first = errorSummary(error);
  return {
    content: [
      {
        type: 'text',
        text: `[internal] ${tool} failed: ${first}. Details are in the server log; retry or report it.`,
      },
    ],
    isError: true,
  };
}

/**
 * On a 2025-era connection whose client offers roots, narrow the CLI roots to the client's and
 * re-read them when the client says they changed. Tool calls wait for the first read.
 */
function followClientRoots(
  server: McpServer,
  sandbox: Sandbox,
  cliRoots: readonly string[],
  log: Logger,
): Promise<void> {
  let settle: () => void = () => {};
  const first = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const refresh = async () => {
    try {
      const { roots } = await server.server.listRoots();
      const offered = await clientRootPaths(roots);
      // No usable client roots tells us nothing: keep the CLI set rather than lock everything.
      sandbox.setRoots(offered.length ? narrowRoots(cliRoots, offered) : cliRoots);
      log.info(`roots: ${sandbox.roots.join(', ') || '(none)'}`);
    } catch (error) {
      log.warn('could not read client roots; keeping the configured ones', error);
    }
  };
  server.server.oninitialized = () => {
    if (server.server.getClientCapabilities()?.roots) refresh().finally(settle);
    else settle();
  };
  server.server.setNotificationHandler('notifications/roots/list_changed', () => refresh());
  return first;
}

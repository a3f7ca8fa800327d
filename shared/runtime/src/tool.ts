import type { z } from 'zod';
import type { Logger } from './log.js';
import type { ToolResult } from './result.js';
import type { Sandbox } from './sandbox/resolver.js';

/** What a tool does to the world; the MCP annotations and read-only mode derive from it. */
export type ToolKind = 'read' | 'write' | 'destructive';

export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** Everything a handler may use besides its input. `state` is the server's own (a pool, a client, ...). */
export interface ToolContext<S = unknown> {
  state: S;
  /** The allowed roots for this connection (CLI roots, narrowed by client roots on 2025-era stdio). */
  sandbox: Sandbox;
  /** Aborted when the client cancels the call or the server shuts down. */
  signal: AbortSignal;
  log: Logger;
  era: 'legacy' | 'modern';
  /**
   * True when this SDK instance serves a single HTTP request (every 2026-era request, and a
   * 2025-era one sent without a session): nothing ties it to the caller's next request.
   */
  stateless: boolean;
  /**
   * Stands for the connection this call came on: the same object for every call of one stdio
   * connection or HTTP session (a key for per-connection state), a new one per stateless request.
   */
  connection: object;
  /** Reports progress when the client asked for it (a progressToken); a no-op otherwise. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
}

export type AnyObjectSchema = z.ZodObject<z.ZodRawShape>;

export interface ToolSpec<I extends AnyObjectSchema, S> {
  /** snake_case, unique within a server. */
  name: string;
  title: string;
  description: string;
  kind: ToolKind;
  /** True when the tool reaches beyond a closed local world (the network, an external service). */
  openWorld?: boolean;
  /** The toolset this tool belongs to; defaults to the server's default toolset. */
  toolset?: string;
  /** Old names that keep working for a major version, hidden from tools/list. */
  aliases?: string[];
  /** List the aliases in tools/list as deprecated (for a reference that still lists its old name). */
  listAliases?: boolean;
  /**
   * For an old tool whose input differs from its successor's: the successor's name. It is callable
   * but never listed, and exposed exactly when the successor is (toolsets, --tools, --exclude-tools,
   * --read-only), so excluding the successor excludes its old names too.
   */
  successor?: string;
  input: I;
  output?: AnyObjectSchema;
  handle(input: z.output<I>, ctx: ToolContext<S>): Promise<ToolResult>;
}

/** A tool as the registry sees it: input type erased, annotations derived. */
export interface Tool<S = unknown> extends ToolSpec<AnyObjectSchema, S> {
  annotations: ToolAnnotations;
}

export const TOOL_NAME = /^[a-z][a-z0-9_]{0,63}$/;

export function annotationsFor(kind: ToolKind, title: string, openWorld = false): ToolAnnotations {
  return {
    title,
    readOnlyHint: kind === 'read',
    destructiveHint: kind === 'destructive',
    idempotentHint: kind === 'read',
    openWorldHint: openWorld,
  };
}

export function defineTool<I extends AnyObjectSchema, S = unknown>(spec: ToolSpec<I, S>): Tool<S> {
  if (!TOOL_NAME.test(spec.name))
    throw new Error(`Tool name "${spec.name}" must be snake_case (${TOOL_NAME})`);
  return {
    ...(spec as unknown as ToolSpec<AnyObjectSchema, S>),
    annotations: annotationsFor(spec.kind, spec.title, spec.openWorld),
  };
}

/**
 * `defineTool` with the server's state type fixed, so handlers see a typed `ctx.state` while the
 * input type is still inferred: `export const tool = toolsFor<MyState>();`.
 */
export function toolsFor<S>() {
  return <I extends AnyObjectSchema>(spec: ToolSpec<I, S>): Tool<S> => defineTool<I, S>(spec);
}

import { type McpServer, ResourceTemplate, type ServerContext } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import { isToolError } from './errors.js';
import type { ContentBlock } from './result.js';
import type { Sandbox } from './sandbox/resolver.js';
import type { AnyObjectSchema } from './tool.js';

export interface ResourceContext<S> {
  state: S;
  sandbox: Sandbox;
  signal: AbortSignal;
}

export type ResourceContents = { uri: string; mimeType?: string } & ({ text: string } | { blob: string });

export interface ListedResource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

export interface ResourceSpec<S> {
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  /** A fixed URI, or an RFC 6570 template such as `file://{+path}`. Exactly one. */
  uri?: string;
  template?: string;
  /** For templates: the concrete resources to show in resources/list. */
  list?: (ctx: ResourceContext<S>) => Promise<ListedResource[]>;
  read: (
    uri: URL,
    variables: Record<string, string | string[]>,
    ctx: ResourceContext<S>,
  ) => Promise<ResourceContents[]>;
  /** Calls onChange when the resource changes; returns how to stop. Enables resource subscriptions. */
  watch?: (uri: URL, ctx: ResourceContext<S>, onChange: () => void) => Promise<() => void | Promise<void>>;
}

export interface PromptSpec<S> {
  name: string;
  title?: string;
  description?: string;
  args?: AnyObjectSchema;
  get: (
    args: Record<string, unknown>,
    ctx: { state: S; sandbox: Sandbox },
  ) => Promise<{ description?: string; messages: PromptMessage[] }>;
}

export type PromptMessage = { role: 'user' | 'assistant'; content: ContentBlock };

export function registerResource<S>(
  server: McpServer,
  spec: ResourceSpec<S>,
  state: S,
  sandbox: Sandbox,
  /** Resolves when the connection's roots are known (see the server factory). */
  ready: () => Promise<void>,
  onRead: (uri: string, ctx: ResourceContext<S>) => void = () => {},
): void {
  const meta = {
    ...(spec.title ? { title: spec.title } : {}),
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.mimeType ? { mimeType: spec.mimeType } : {}),
  };
  const context = (c: ServerContext): ResourceContext<S> => ({ state, sandbox, signal: c.mcpReq.signal });
  const read = async (uri: URL, variables: Record<string, string | string[]>, c: ServerContext) => {
    await ready();
    try {
      const ctx = context(c);
      const contents = await spec.read(uri, variables, ctx);
      onRead(uri.href, ctx);
      return { contents };
    } catch (error) {
      // Resource reads have no isError form: a ToolError's text becomes the protocol error message.
      throw isToolError(error) ? new Error(error.toText()) : error;
    }
  };
  if (spec.uri) {
    server.registerResource(spec.name, spec.uri, meta, (uri, c) => read(uri, {}, c));
    return;
  }
  if (!spec.template) throw new Error(`Resource ${spec.name} needs a uri or a template`);
  const list = spec.list;
  const template = new ResourceTemplate(spec.template, {
    list: list
      ? async (c) => {
          await ready();
          return { resources: await list(context(c)) };
        }
      : undefined,
  });
  server.registerResource(spec.name, template, meta, (uri, variables, c) =>
    read(uri, variables as Record<string, string | string[]>, c),
  );
}

export function registerPrompt<S>(server: McpServer, spec: PromptSpec<S>, state: S, sandbox: Sandbox): void {
  const meta = {
    ...(spec.title ? { title: spec.title } : {}),
    ...(spec.description ? { description: spec.description } : {}),
  };
  if (spec.args) {
    server.registerPrompt(spec.name, { ...meta, argsSchema: spec.args }, (args: z.output<AnyObjectSchema>) =>
      spec.get(args, { state, sandbox }),
    );
  } else {
    server.registerPrompt(spec.name, meta, () => spec.get({}, { state, sandbox }));
  }
}

import {
  type McpServer,
  ProtocolError,
  ProtocolErrorCode,
  type Resource,
  ResourceTemplate,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import { errorSummary, isToolError } from './errors.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import type { ContentBlock } from './result.js';
import type { Sandbox } from './sandbox/resolver.js';
import { redact } from './secrets.js';
import type { AnyObjectSchema } from './tool.js';

export interface ResourceContext<S> {
  state: S;
  sandbox: Sandbox;
  signal: AbortSignal;
  /** As ToolContext's: the era, which connection reads, and whether it is one stateless request. */
  era: 'legacy' | 'modern';
  connection: object;
  stateless: boolean;
}

/** What a resource handler's context holds besides the request's signal. */
export type ResourceBase<S> = Omit<ResourceContext<S>, 'signal'>;

export type ResourceContents = { uri: string; mimeType?: string } & ({ text: string } | { blob: string });

export interface ListedResource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

export interface ListedPage {
  resources: ListedResource[];
  nextCursor?: string;
}

export interface ResourceSpec<S> {
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  /** A fixed URI, or an RFC 6570 template such as `file://{+path}`. Exactly one. */
  uri?: string;
  template?: string;
  /**
   * For templates: the concrete resources to show in resources/list, a page at a time. `cursor`
   * is this list's own nextCursor from the previous page (the runtime wraps it for the client).
   */
  list?: (ctx: ResourceContext<S>, cursor?: string) => Promise<ListedPage>;
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

function metaOf<S>(spec: ResourceSpec<S>) {
  return {
    ...(spec.title ? { title: spec.title } : {}),
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.mimeType ? { mimeType: spec.mimeType } : {}),
  };
}

export function registerResource<S>(
  server: McpServer,
  spec: ResourceSpec<S>,
  base: ResourceBase<S>,
  /** Resolves when the connection's roots are known (see the server factory). */
  ready: () => Promise<void>,
  onRead: (uri: string, ctx: ResourceContext<S>) => void = () => {},
): void {
  const meta = metaOf(spec);
  const context = (c: ServerContext): ResourceContext<S> => ({ ...base, signal: c.mcpReq.signal });
  const read = async (uri: URL, variables: Record<string, string | string[]>, c: ServerContext) => {
    await ready();
    try {
      const ctx = context(c);
      const contents = await spec.read(uri, variables, ctx);
      onRead(uri.href, ctx);
      return { contents };
    } catch (error) {
      throw resourceError(error);
    }
  };
  if (spec.uri) {
    server.registerResource(spec.name, spec.uri, meta, (uri, c) => read(uri, {}, c));
    return;
  }
  if (!spec.template) throw new Error(`Resource ${spec.name} needs a uri or a template`);
  // resources/list itself is served by serveResourceList (the SDK passes template lists no cursor).
  const template = new ResourceTemplate(spec.template, { list: undefined });
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

const listCursor = z.object({ list: z.number().int().nonnegative(), inner: z.string() });

/**
 * Serves resources/list with paging: fixed resources first, then each template's list in order,
 * the client's cursor naming which list and that list's own cursor. Replaces the SDK's handler,
 * which calls every template list for the first page only.
 */
export function serveResourceList<S>(
  server: McpServer,
  specs: readonly ResourceSpec<S>[],
  base: ResourceBase<S>,
  ready: () => Promise<void>,
): void {
  const lists = specs.filter((spec) => spec.template && spec.list);
  if (!specs.length) return;
  server.server.setRequestHandler('resources/list', async (request, c) => {
    await ready();
    let at: z.output<typeof listCursor> | undefined;
    try {
      at = decodeCursor(request.params?.cursor, listCursor);
    } catch (error) {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        isToolError(error) ? error.toText() : 'Bad cursor',
      );
    }
    const resources: Resource[] = at
      ? []
      : specs.flatMap((spec) => (spec.uri ? [{ uri: spec.uri, name: spec.name, ...metaOf(spec) }] : []));
    const ctx: ResourceContext<S> = { ...base, signal: c.mcpReq.signal };
    for (let i = at?.list ?? 0; i < lists.length; i++) {
      const spec = lists[i] as ResourceSpec<S>;
      try {
        const page = await (spec.list as NonNullable<ResourceSpec<S>['list']>)(
          ctx,
          i === at?.list ? at.inner : undefined,
        );
        resources.push(...page.resources.map((r) => ({ ...metaOf(spec), ...r })));
        if (page.nextCursor)
          return { resources, nextCursor: encodeCursor({ list: i, inner: page.nextCursor }) };
      } catch (error) {
        throw resourceError(error);
      }
    }
    return { resources };
  });
}

/**
 * Resource requests have no isError form: a ToolError's text becomes the protocol error's message
 * (bad input as invalid params), anything else its first line; secrets are redacted either way.
 */
function resourceError(error: unknown): Error {
  if (isToolError(error)) {
    const text = redact(error.toText());
    return error.kind === 'invalid_input'
      ? new ProtocolError(ProtocolErrorCode.InvalidParams, text)
      : new Error(text);
  }
  return new Error(errorSummary(error));
}

import { type McpServer, UriTemplate } from '@modelcontextprotocol/server';
import type { Logger } from './log.js';
import type { ResourceContext, ResourceSpec } from './resources.js';

type Unwatch = () => void | Promise<void>;

/** How change events leave the process: one sink per open 2026-era channel (stdio instance, HTTP handler). */
export type UpdateSink = (uri: string) => void;

const MAX_READ_WATCHES = 128;

/**
 * Watches resources for change notifications.
 * - 2025 era: the client subscribes per URI (`resources/subscribe`); updates go to that instance.
 * - 2026 era: the serving entry owns `subscriptions/listen` and filters by URI, but never tells
 *   the server what was subscribed, so the resources a client has read are watched (the most
 *   recent 128) and every change is published to the entry, which drops what nobody listens to.
 */
export class Subscriptions<S> {
  readonly #specs: readonly ResourceSpec<S>[];
  readonly #log: Logger;
  readonly #sinks = new Set<UpdateSink>();
  readonly #readWatches = new Map<string, Promise<Unwatch | undefined>>();

  constructor(specs: readonly ResourceSpec<S>[], log: Logger) {
    this.#specs = specs.filter((s) => s.watch);
    this.#log = log;
  }

  get enabled(): boolean {
    return this.#specs.length > 0;
  }

  addSink(sink: UpdateSink): () => void {
    this.#sinks.add(sink);
    return () => this.#sinks.delete(sink);
  }

  /** 2025-era `resources/subscribe` and `resources/unsubscribe` on one instance. */
  attachLegacy(server: McpServer, ctx: ResourceContext<S>): void {
    if (!this.enabled) return;
    const active = new Map<string, Promise<Unwatch | undefined>>();
    server.server.setRequestHandler('resources/subscribe', async ({ params }) => {
      if (!active.has(params.uri)) {
        const notify = () => void server.server.sendResourceUpdated({ uri: params.uri }).catch(() => {});
        active.set(params.uri, this.#watch(params.uri, ctx, notify, true));
      }
      try {
        await active.get(params.uri);
      } catch (error) {
        active.delete(params.uri);
        throw error;
      }
      return {};
    });
    server.server.setRequestHandler('resources/unsubscribe', async ({ params }) => {
      const unwatch = await active.get(params.uri);
      active.delete(params.uri);
      await unwatch?.();
      return {};
    });
    const previous = server.server.onclose;
    server.server.onclose = () => {
      previous?.();
      for (const pending of active.values()) void pending.then((unwatch) => unwatch?.());
      active.clear();
    };
  }

  /** 2026 era: called after a successful resources/read. */
  watchRead(uri: string, ctx: ResourceContext<S>): void {
    if (!this.enabled || this.#sinks.size === 0 || this.#readWatches.has(uri)) return;
    this.#readWatches.set(
      uri,
      this.#watch(uri, ctx, () => this.#publish(uri)),
    );
    if (this.#readWatches.size > MAX_READ_WATCHES) {
      const [oldest, pending] = this.#readWatches.entries().next().value as [
        string,
        Promise<Unwatch | undefined>,
      ];
      this.#readWatches.delete(oldest);
      void pending.then((unwatch) => unwatch?.());
    }
  }

  async close(): Promise<void> {
    const pending = [...this.#readWatches.values()];
    this.#readWatches.clear();
    await Promise.all(pending.map(async (p) => (await p)?.()));
  }

  #publish(uri: string): void {
    for (const sink of this.#sinks) sink(uri);
  }

  /** Starts watching; a failure (a denied path, say) is thrown for an explicit subscribe, logged otherwise. */
  async #watch(
    uri: string,
    ctx: ResourceContext<S>,
    onChange: () => void,
    explicit = false,
  ): Promise<Unwatch | undefined> {
    const spec = this.#specs.find((s) =>
      s.uri ? s.uri === uri : s.template && new UriTemplate(s.template).match(uri),
    );
    if (!spec?.watch) {
      if (explicit) throw new Error(`No resource matches ${uri}; list resources or templates first.`);
      return undefined;
    }
    try {
      return await spec.watch(new URL(uri), ctx, onChange);
    } catch (error) {
      if (explicit)
        throw error instanceof Error && 'toText' in error
          ? new Error((error as { toText(): string }).toText())
          : error;
      this.#log.debug(`cannot watch ${uri}`, error);
      return undefined;
    }
  }
}

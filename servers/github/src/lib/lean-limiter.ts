/**
 * A stand-in for Bottleneck with the subset @octokit/plugin-throttling uses (`schedule`, the
 * `failed` event whose answer is a retry delay, `Group#key`, `Events`), and no pacing. Bottleneck
 * yields to the event loop several times per job (about 12 ms a request here), which is noise
 * against GitHub but dwarfs a loopback round trip: loopback hosts (the test fake, a local proxy)
 * use this, so rate-limit retries still run through the plugin while calls stay fast.
 */
type Listener = (...args: unknown[]) => unknown;

/** Bottleneck.Events: `on` goes onto the target; `trigger` (on both) returns the first answer. */
class Events {
  private readonly listeners = new Map<string, Listener[]>();

  constructor(target: Record<string, unknown>) {
    target.on = (name: string, cb: Listener) => {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), cb]);
    };
    target.trigger = (name: string, ...args: unknown[]) => this.trigger(name, ...args);
  }

  async trigger(name: string, ...args: unknown[]): Promise<unknown> {
    const results = await Promise.all((this.listeners.get(name) ?? []).map(async (cb) => cb(...args)));
    return results.find((r) => r !== undefined && r !== null);
  }
}

/** Bottleneck.Group: one limiter per key; with no pacing, one limiter serves every key. */
class LeanGroup {
  readonly limiter = new LeanLimiter();
  key(): LeanLimiter {
    return this.limiter;
  }
}

export class LeanLimiter {
  static Events = Events;
  static Group = LeanGroup;

  declare on: (name: string, cb: Listener) => void;
  declare trigger: (name: string, ...args: unknown[]) => Promise<unknown>;

  constructor() {
    new Events(this as unknown as Record<string, unknown>);
  }

  /** `schedule([options], fn, ...args)`: runs fn now; on failure asks `failed` for a retry delay. */
  async schedule(...call: unknown[]): Promise<unknown> {
    const [fn, ...args] = (typeof call[0] === 'function' ? call : call.slice(1)) as [
      (...a: unknown[]) => unknown,
      ...unknown[],
    ];
    for (let retryCount = 0; ; retryCount++) {
      try {
        return await fn(...args);
      } catch (error) {
        const wait = await this.trigger('failed', error, { args, retryCount });
        if (typeof wait !== 'number') throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
}

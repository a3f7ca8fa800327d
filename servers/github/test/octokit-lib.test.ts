import { afterEach, describe, expect, it, vi } from 'vitest';
import { Bottleneck } from '../src/lib/octokit-lib.js';

/** Resolves after `n` turns of the event loop's check phase (no timers involved). */
const turns = (n: number) =>
  new Promise<string>((resolve) => {
    const step = (left: number) => (left ? setImmediate(() => step(left - 1)) : resolve('timer needed'));
    step(n);
  });

describe("the bundled Bottleneck (plugin-retry's per-request limiter)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts a job with no wait without a timer (no 1 ms setTimeout clamp per GitHub call)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const job = new Bottleneck().schedule(async () => 'ran');
    expect(await Promise.race([job, turns(200)])).toBe('ran');
  });

  it('keeps retry waits on timers, and retries', async () => {
    const limiter = new Bottleneck();
    limiter.on('failed', (_error: unknown, info: { retryCount: number }) =>
      info.retryCount < 2 ? 5 : undefined,
    );
    let calls = 0;
    const started = performance.now();
    const result = await limiter.schedule(async () => {
      calls++;
      if (calls < 3) throw new Error('flaky');
      return 'ok';
    });
    expect([result, calls]).toEqual(['ok', 3]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(9);
  });
});

// Everything Octokit, in one module: the bin builds it into dist/octokit.cjs (see
// scripts/bundle-octokit.mjs), loaded on the first GitHub call rather than parsed at every start.
import Bottleneck from 'bottleneck/light.js';

export { retry } from '@octokit/plugin-retry';
export { throttling } from '@octokit/plugin-throttling';
export { Octokit } from '@octokit/rest';
export { Bottleneck };

/**
 * Bottleneck's local datastore yields to the event loop with setTimeout(0) several times per job;
 * Node clamps that to 1 ms, which made the retry and throttling plugins cost 5 to 17 ms a request.
 * setImmediate yields just the same without the clamp; waits longer than 0 still use setTimeout.
 * The datastore class is not exported, so it is reached through a limiter's store.
 */
interface Store {
  Promise: PromiseConstructor;
  yieldLoop(t?: number): Promise<void>;
}
const probe = new Bottleneck() as unknown as { _store: Store };
const store = Object.getPrototypeOf(probe._store) as Store;
store.yieldLoop = function yieldLoop(this: Store, t = 0) {
  return new this.Promise<void>((resolve) => {
    if (t > 0) setTimeout(resolve, t);
    else setImmediate(resolve);
  });
};

// Everything Octokit, in one module: the bin builds it into dist/octokit.cjs (package.json's
// bastion.chunks), loaded on the first GitHub call rather than parsed at every start.
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

/**
 * Bottleneck starts each job with setTimeout(start, wait), clamped to 1 ms when wait is 0, and
 * plugin-retry runs every request through a fresh limiter: 1 ms or more on every GitHub call. A
 * zero wait starts on setImmediate instead (a job dropped by stop() meanwhile has no status and is
 * skipped); positive waits and jobs with an expiration keep Bottleneck's own path. Written
 * against Bottleneck 2.19.5's `_run` (the version is pinned).
 */
interface Job {
  options: { id: string; expiration?: number | null };
  doRun(): void;
  doExecute(chained: unknown, clear: () => boolean, run: (wait: number) => unknown, free: unknown): unknown;
}
interface Limiter {
  _limiter: unknown;
  _scheduled: Record<string, unknown>;
  _run(index: string, job: Job, wait: number): unknown;
  _clearGlobalState(index: string): boolean;
  _free(index: string, job: Job): unknown;
  jobStatus(id: string): string | null;
}
const limiter = Bottleneck.prototype as unknown as Limiter;
const run = limiter._run;
limiter._run = function runNow(this: Limiter, index, job, wait) {
  if (wait > 0 || job.options.expiration != null) return run.call(this, index, job, wait);
  job.doRun();
  const clear = this._clearGlobalState.bind(this, index);
  const again = this._run.bind(this, index, job);
  const free = this._free.bind(this, index, job);
  const start = () => {
    if (this.jobStatus(job.options.id) !== null) job.doExecute(this._limiter, clear, again, free);
  };
  this._scheduled[index] = { timeout: setImmediate(start), expiration: undefined, job };
  return this._scheduled[index];
};

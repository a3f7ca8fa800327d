/** Longest wait a Retry-After may ask for before we give up and report the rate limit. */
export const MAX_RETRY_AFTER_MS = 20_000;

/** The wait a Retry-After header asks for (seconds or an HTTP date), in ms; undefined when absent or bad. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

interface RetryError {
  response?: { headers?: { get(name: string): string | null } };
  config?: { signal?: AbortSignal | null };
}

/**
 * gaxios's retry backoff, honouring the server's Retry-After (capped) over its own exponential
 * delay, and ending early when the call is cancelled.
 */
export function retryBackoff(err: RetryError, delay: number): Promise<void> {
  const asked = retryAfterMs(err.response?.headers?.get('retry-after'));
  const wait = Math.min(Math.max(delay, asked ?? 0), MAX_RETRY_AFTER_MS);
  const signal = err.config?.signal ?? undefined;
  return new Promise((resolve) => {
    const timer = setTimeout(done, wait);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Logger } from '../log.js';
import type { BastionServer } from '../server.js';
import { DEFAULT_MAX_MESSAGE_BYTES } from './limits.js';
import { GuardedStdioTransport } from './stdio-transport.js';

/** How long a signal waits for running tool calls before cancelling them. */
const GRACE_MS = 3_000;

/**
 * Serves over stdio until stdin closes or a signal arrives, then finishes (or, past the grace
 * period, cancels) running calls, releases the server's resources and exits 0.
 */
export function serveOverStdio(
  server: BastionServer,
  log: Logger,
  maxMessageBytes: number = DEFAULT_MAX_MESSAGE_BYTES,
): void {
  const transport = new GuardedStdioTransport({
    maxMessageBytes,
    onRejected: (why) => log.debug(`answered a malformed message: ${why}`),
  });
  const handle = serveStdio((ctx) => server.factory(ctx), {
    transport,
    onerror: (e) => log.warn('stdio', e),
  });
  let stopping = false;
  const stop = async (why: string, wait: boolean) => {
    if (stopping) return;
    stopping = true;
    log.debug(`shutting down: ${why}`);
    if (wait) {
      await Promise.race([server.idle(), new Promise((r) => setTimeout(r, GRACE_MS).unref())]);
      // The SDK writes a result a few microtasks after the handler returns; let it reach stdout.
      await new Promise((r) => setTimeout(r, 25));
    }
    await handle.close().catch(() => {});
    await server.close().catch((e: unknown) => log.warn('close failed', e));
    process.exit(0);
  };
  // stdin EOF: the client is gone, nobody can read an answer, so there is nothing to wait for.
  process.stdin.once('end', () => void stop('stdin closed', false));
  process.stdin.once('close', () => void stop('stdin closed', false));
  process.once('SIGINT', () => void stop('SIGINT', true));
  process.once('SIGTERM', () => void stop('SIGTERM', true));
}

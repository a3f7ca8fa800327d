import type { z } from 'zod';
import { type ConfigOf, type ConfigSpec, parseConfig, usageError } from '../config.js';
import { ConfigError } from '../errors.js';
import { createLogger, type Logger } from '../log.js';
import { realRoots } from '../sandbox/resolver.js';
import type { BastionServer } from '../server.js';
import { serveOverStdio } from './stdio.js';

/** Builds the server; may be async for a bin that checks something first (a ConfigError exits 2). */
export type CreateServer<T extends z.ZodRawShape> = (
  config: ConfigOf<T>,
  log: Logger,
) => BastionServer | Promise<BastionServer>;

/**
 * The whole of a server's bin: parse config, build the server, serve stdio or HTTP.
 * Bad config prints usage to stderr and exits 2; stdout stays clean for JSON-RPC.
 */
export async function runMain<T extends z.ZodRawShape>(
  spec: ConfigSpec<T>,
  create: CreateServer<T>,
  argv: readonly string[] = process.argv.slice(2),
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const outcome = parseConfig(spec, argv, env);
  if ('exit' in outcome) {
    if (outcome.stdout) process.stdout.write(outcome.stdout);
    if (outcome.stderr) process.stderr.write(outcome.stderr);
    process.exit(outcome.exit);
  }
  const config = outcome.run;
  const log = createLogger(spec.name, config.logLevel);
  try {
    const values = config as Record<string, unknown>;
    const rootKeys = [...(spec.positional?.roots ? [spec.positional.key] : []), ...(spec.rootOptions ?? [])];
    for (const key of rootKeys) {
      const given = values[key];
      if (given === undefined) continue;
      const real = await realRoots(Array.isArray(given) ? given : [given as string]).catch((error: Error) => {
        throw new ConfigError(
          `${key === spec.positional?.key ? 'allowed directory' : `--${key}`}: ${error.message}`,
        );
      });
      values[key] = Array.isArray(given) ? real : real[0];
    }
    const server = await create(config, log);
    if (config.http) {
      // Loaded on demand: the HTTP stack (and the fetch machinery it pulls in) slows stdio start-up.
      const { serveHttp } = await import('./http.js');
      const handle = await serveHttp(server, {
        host: config.host,
        port: config.port,
        token: config.httpToken,
        maxMessageBytes: config.maxMessageBytes,
        log,
      });
      const stop = async () => {
        await handle.close();
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    } else {
      serveOverStdio(server, log, config.maxMessageBytes);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(usageError(spec, error.message));
      process.exit(2);
    }
    log.error('failed to start', error);
    process.exit(1);
  }
}

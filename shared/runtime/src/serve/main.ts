import type { z } from 'zod';
import { type ConfigOf, type ConfigSpec, expandPath, parseConfig, usageError } from '../config.js';
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
      // `.`, `../x` and `~/x` mean what they mean in the shell that started the server.
      const typed = (Array.isArray(given) ? given : [given as string]).map((dir) => expandPath(dir));
      const real = await realRoots(typed).catch((error: Error) => {
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
      log.info(startupLine(spec, config, server, handle.url, rootKeys));
    } else {
      serveOverStdio(server, log, config.maxMessageBytes);
      log.info(startupLine(spec, config, server, 'stdio', rootKeys));
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

/** One line on stderr that says what a started server serves, so a person sees it is up. */
export function startupLine<T extends z.ZodRawShape>(
  spec: ConfigSpec<T>,
  config: ConfigOf<T>,
  server: BastionServer,
  transport: string,
  rootKeys: readonly string[] = spec.positional?.roots ? [spec.positional.key] : [],
): string {
  const count = server.tools.length;
  const head = `mcp-server-${spec.name} ${spec.version} on ${transport}: ${count} tool${count === 1 ? '' : 's'}`;
  if (spec.serves) return `${head}; ${spec.serves(config)}`;
  const values = config as Record<string, unknown>;
  const dirs = rootKeys.flatMap((key) => values[key] ?? []) as string[];
  if (!rootKeys.length) return head;
  return `${head}; allowed directories: ${dirs.length ? [...new Set(dirs)].join(', ') : 'none (give them as arguments)'}`;
}

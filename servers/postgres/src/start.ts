import { ConfigError, type Logger } from '@bastion-mcp/runtime';
import { describeTarget, resolveConnection } from './lib/connection.js';
import { Database } from './lib/database.js';
import { checkRole, type RoleReport, roleWarning } from './lib/role.js';
import { createServer, type PostgresConfig } from './server.js';

/**
 * What the bin does before serving: open the pool and check the role (layer 6). A role that can
 * write gets a warning (stderr and the server's instructions), or a refusal with --require-readonly-role.
 */
export async function startServer(config: PostgresConfig, log: Logger) {
  const connection = resolveConnection(config.url[0], process.env);
  const db = new Database(connection, config.poolSize);
  const target = describeTarget(connection.target);
  let role: RoleReport | { error: string };
  try {
    role = await checkRole(db, 10_000);
  } catch (error) {
    const why = connection.redact((error as Error).message);
    if (config.requireReadonlyRole) {
      await db.close();
      throw new ConfigError(`--require-readonly-role: could not check the role of ${target}: ${why}`);
    }
    log.warn(`could not check the database role of ${target} (${why}); serving anyway`);
    role = { error: why };
  }
  if ('risks' in role && role.risks.length) {
    if (config.requireReadonlyRole) {
      await db.close();
      throw new ConfigError(`--require-readonly-role: refusing to start. ${roleWarning(role)}`);
    }
    log.warn(roleWarning(role));
  } else if ('risks' in role) {
    log.info(`connected to ${target} as read-only role "${role.role}"`);
  }
  return createServer(config, log, { db, role });
}

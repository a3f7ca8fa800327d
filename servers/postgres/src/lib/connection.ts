import { ConfigError } from '@bastion-mcp/runtime';
import type { PoolConfig } from 'pg';
import { parse } from 'pg-connection-string';

/** Where the server connects, safe to show: never the password. */
export interface Target {
  host: string;
  port: number;
  database: string;
  user: string;
}

export interface Connection {
  pg: PoolConfig;
  target: Target;
  /** Removes the password (raw and percent-encoded) from text bound for logs or the model. */
  redact: (text: string) => string;
  /** Where the settings came from, for the startup line (`DATABASE_URL + PGPASSWORD`, `defaults: ...`). */
  source: string;
}

// libpq's TLS variables, applied when the URL does not set the parameter itself.
const LIBPQ_SSL_ENV = {
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
};

/**
 * Resolves the connection like libpq: the URL (argument or DATABASE_URL), then PG* variables for
 * whatever it leaves out. TLS follows sslmode with libpq's meaning (require encrypts, verify-full checks).
 */
export function resolveConnection(
  url: string | undefined,
  env: Record<string, string | undefined>,
): Connection {
  const given = url ?? (env.DATABASE_URL || undefined);
  if (given !== undefined && !/^postgres(ql)?:\/\//i.test(given)) {
    throw new ConfigError(
      'the connection URL must start with postgresql:// or postgres:// (e.g. postgresql://reader@localhost:5432/app)',
    );
  }
  let options: ReturnType<typeof parse>;
  try {
    const parsed = new URL(given ?? 'postgresql://');
    for (const [param, variable] of Object.entries(LIBPQ_SSL_ENV)) {
      const value = env[variable];
      if (value && !parsed.searchParams.has(param)) parsed.searchParams.set(param, value);
    }
    options = parse(parsed.href, { useLibpqCompat: true });
  } catch (error) {
    // Never echo the URL: it may hold the password.
    const why =
      error instanceof TypeError
        ? 'not a valid URL (percent-encode special characters in the password)'
        : (error as Error).message.split('\n')[0];
    throw new ConfigError(`connection URL: ${why}`);
  }
  const port = Number(options.port || env.PGPORT || 5432);
  const target: Target = {
    host: options.host || env.PGHOST || 'localhost',
    port: Number.isInteger(port) ? port : 5432,
    database: options.database || env.PGDATABASE || options.user || env.PGUSER || env.USER || 'postgres',
    user: options.user || env.PGUSER || env.USER || 'postgres',
  };
  const password = options.password || env.PGPASSWORD || undefined;
  const pg: PoolConfig = {
    ...target,
    ...(password ? { password } : {}),
    ...(options.ssl !== undefined ? { ssl: options.ssl as PoolConfig['ssl'] } : {}),
    application_name: 'bastion-mcp-postgres',
  };
  return { pg, target, redact: redactor(password), source: sourceOf(url, given, options, env) };
}

function sourceOf(
  url: string | undefined,
  given: string | undefined,
  options: ReturnType<typeof parse>,
  env: Record<string, string | undefined>,
): string {
  const parts = given === undefined ? [] : [url !== undefined ? 'the URL argument' : 'DATABASE_URL'];
  const filled: [keyof typeof options, string][] = [
    ['host', 'PGHOST'],
    ['port', 'PGPORT'],
    ['database', 'PGDATABASE'],
    ['user', 'PGUSER'],
    ['password', 'PGPASSWORD'],
  ];
  for (const [field, variable] of filled) if (!options[field] && env[variable]) parts.push(variable);
  return parts.length
    ? `from ${parts.join(' + ')}`
    : 'libpq defaults: no URL argument, DATABASE_URL or PG* variable was given';
}

function redactor(password: string | undefined): (text: string) => string {
  if (!password) return (text) => text;
  const forms = [...new Set([password, encodeURIComponent(password)])].sort((a, b) => b.length - a.length);
  return (text) => forms.reduce((out, form) => out.split(form).join('***'), text);
}

export const describeTarget = (t: Target) => `${t.user}@${t.host}:${t.port}/${t.database}`;

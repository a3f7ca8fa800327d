import { accessDenied, invalidInput, isToolError, notFound, ToolError } from '@bastion-mcp/runtime';

interface PgError {
  code?: string;
  message?: string;
  position?: string;
  hint?: string;
  detail?: string;
}

export interface ErrorContext {
  redact: (text: string) => string;
  timeoutMs: number;
  cancelled?: boolean | undefined;
  /** Where the server connects (user@host:port/db), named in connection failures. */
  target?: string;
}

/**
 * Turns a pg or network error into a ToolError the model can act on; the password never shows.
 * Anything else (a bug) is returned as is, for the runtime's one-line internal error.
 */
export function toToolError(error: unknown, context: ErrorContext): unknown {
  const { redact, timeoutMs, cancelled } = context;
  const code = sqlState(error);
  if (isToolError(error) || !(code || isConnectionError(error))) return error;
  const e = (error ?? {}) as PgError;
  const base = redact(String(e.message ?? error).split('\n')[0] ?? '');
  const where = e.position ? ` (at character ${e.position})` : '';
  const extra = [e.detail, e.hint].filter(Boolean).map((s) => redact(String(s)));
  const message = `${base}${where}${extra.length ? `. ${extra.join(' ')}` : ''}`;
  const failed = connectionFailure(code, base, context.target ?? 'the database');
  if (failed || code === undefined) return failed; // a failure without a SQLSTATE is always a connection one
  if (code === '57014') {
    return cancelled
      ? new ToolError(
          'timeout',
          'the query was cancelled at the client’s request.',
          'Call again if you still need it.',
        )
      : new ToolError(
          'timeout',
          `the query ran past the statement timeout (${timeoutMs} ms) and was stopped.`,
          'Add a LIMIT or a narrower WHERE, or aggregate on the server; the operator can raise --statement-timeout-ms.',
        );
  }
  if (code === '55P03')
    return new ToolError('timeout', `waiting for a lock took too long: ${message}`, 'Retry later.');
  if (code === '25006')
    return accessDenied(
      `the statement tried to write and the read-only transaction stopped it: ${message}`,
      'This server only reads: use SELECT, VALUES, TABLE, WITH, SHOW or EXPLAIN.',
    );
  if (code === '42501')
    return accessDenied(
      `${message}`,
      'The database role behind this server lacks that privilege; query something else.',
    );
  if (code === '42P01' || code === '3F000')
    return notFound(message, 'list_schemas and list_tables show what exists; check the spelling and schema.');
  if (code === '42703')
    return invalidInput(message, 'describe_table shows the columns of a table; check the spelling.');
  if (code === '42883')
    return invalidInput(
      message,
      'Check the function name and argument types (add explicit casts such as $1::int).',
    );
  if (code === '08P01' && /bind message supplies/.test(base))
    return invalidInput(`params: ${message}`, 'Pass one params entry for each $1, $2, ... in sql.');
  if (code.startsWith('22'))
    return invalidInput(
      `${message}`,
      'Check the values in sql and params against the column types (cast if needed).',
    );
  if (code.startsWith('42'))
    return invalidInput(`the SQL was rejected: ${message}`, 'Fix the statement and call again.');
  return new ToolError('upstream', `PostgreSQL error ${code}: ${message}`);
}

const NO_RETRY = 'No call can fix this; do not retry until the user has.';

/**
 * Why the server could not get a session, each with its own fix for the person running it: the login
 * was refused (authentication), the role may not connect (authorization), the database does not
 * exist, or the server is out of reach (network) or not taking connections right now.
 */
function connectionFailure(code: string | undefined, base: string, target: string): ToolError | undefined {
  if (code === '28P01' || (code === undefined && /password|SASL|SCRAM/i.test(base))) {
    return accessDenied(
      `the database refused the login of ${target} (authentication): ${base}`,
      `${NO_RETRY} The user must correct the user name or password the server starts with (its URL, DATABASE_URL or PGPASSWORD) and restart it.`,
    );
  }
  if (code?.startsWith('28') || (code === '42501' && /permission denied for database/i.test(base))) {
    return accessDenied(
      `the role may not connect to ${target} (authorization): ${base}`,
      `${NO_RETRY} A database administrator must allow it (ALTER ROLE ... LOGIN; GRANT CONNECT ON DATABASE ...; or a pg_hba.conf entry), or the user must start the server with another role.`,
    );
  }
  if (code === '3D000') {
    return notFound(
      `no such database at ${target}: ${base}`,
      `${NO_RETRY} The user must start the server with the name of an existing database (psql -l lists them).`,
    );
  }
  if (code === undefined || /^(08|57P0)/.test(code) || code === '53300') {
    return new ToolError(
      'upstream',
      `the database could not be reached: ${base} (${target}; network or server state)`,
      'Retry shortly; if it persists, the user should check that PostgreSQL is running and reachable at that host and port.',
    );
  }
  return undefined;
}

/** The error's SQLSTATE, when PostgreSQL sent one (socket and TLS errors carry Node's codes instead). */
function sqlState(error: unknown): string | undefined {
  const code = (error as PgError | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** Socket, TLS and authentication-handshake failures, which carry no SQLSTATE. */
function isConnectionError(error: unknown): boolean {
  const code = String((error as PgError | undefined)?.code ?? '');
  if (/^E[A-Z]+$/.test(code) || /CERT|TLS|SSL/.test(code)) return true;
  const message = String((error as Error | undefined)?.message ?? '');
  return /Connection terminated|timeout expired|SSL|SASL|password|not queryable/i.test(message);
}

/** A connection that died under a call (a restart, a terminated backend), as opposed to a failed statement. */
export function isConnectionLoss(error: unknown): boolean {
  const code = sqlState(error);
  if (code) return /^57P0[123]$/.test(code);
  return /Connection terminated|ECONNRESET|EPIPE|not queryable/i.test(
    String((error as Error | undefined)?.message),
  );
}

import net from 'node:net';
import type { Pool, PoolClient } from 'pg';
import type { Connection } from './connection.js';
import { toToolError } from './pg-errors.js';
import { typeParsers } from './pg-types.js';

export interface ReadOnlyOptions {
  timeoutMs: number;
  /** Aborting cancels the running statement on the server (a protocol CancelRequest). */
  signal?: AbortSignal;
  /** SET LOCAL search_path for the call (the --schemas allow list). */
  searchPath?: readonly string[];
}

/** A connection checked out for one read-only transaction. */
export type ReadOnlyClient = Pick<PoolClient, 'query' | 'escapeIdentifier' | 'escapeLiteral'>;

type Backend = PoolClient & { processID: number | null; secretKey: number | null };

/**
 * A small pool whose only way in is `readOnly`: every use is one BEGIN READ ONLY transaction with
 * local timeouts, always rolled back, then DISCARD ALL so no session state (advisory locks,
 * prepared statements, GUCs, temp objects) reaches the next call. pg is loaded on first use.
 */
export class Database {
  private pool: Promise<Pool> | undefined;

  constructor(
    readonly connection: Connection,
    private readonly max = 4,
  ) {}

  private getPool(): Promise<Pool> {
    this.pool ??= import('pg').then(({ default: pg }) => {
      const pool = new pg.Pool({
        ...this.connection.pg,
        max: this.max,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: 10_000,
        keepAlive: true,
        allowExitOnIdle: true,
        types: typeParsers(pg.types),
      });
      // An idle connection dropped by a restarting server must not crash the process; the pool
      // discards it and the next call connects afresh.
      pool.on('error', () => {});
      return pool;
    });
    return this.pool;
  }

  async readOnly<T>(work: (client: ReadOnlyClient) => Promise<T>, options: ReadOnlyOptions): Promise<T> {
    const { redact } = this.connection;
    const client = await this.begin(options).catch((error: unknown) => {
      throw toToolError(error, { redact, timeoutMs: options.timeoutMs });
    });
    const onAbort = () => this.cancel(client as Backend);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await work(client);
    } catch (error) {
      throw toToolError(error, { redact, timeoutMs: options.timeoutMs, cancelled: options.signal?.aborted });
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      await this.end(client);
    }
  }

  /** Checks out a connection and opens the transaction; a connection lost while idle is replaced once. */
  private async begin(options: ReadOnlyOptions): Promise<PoolClient> {
    const pool = await this.getPool();
    for (let attempt = 0; ; attempt++) {
      const client = await pool.connect();
      try {
        await client.query(beginSql(client, options));
        return client;
      } catch (error) {
        client.release(error as Error);
        if (attempt > 0 || !isConnectionLoss(error)) throw error;
      }
    }
  }

  private async end(client: PoolClient): Promise<void> {
    try {
      await client.query('ROLLBACK');
      await client.query('DISCARD ALL');
      client.release();
    } catch (error) {
      // A connection that cannot be reset is closed rather than reused.
      client.release(error as Error);
    }
  }

  /** Sends a CancelRequest on a separate socket, as libpq's PQcancel does. */
  private cancel(client: Backend): void {
    const { processID, secretKey } = client;
    if (processID === null || secretKey === null) return;
    const { host, port } = this.connection.target;
    const socket = net.connect({ host, port }, () => {
      const message = Buffer.alloc(16);
      message.writeInt32BE(16, 0);
      message.writeInt32BE(80877102, 4);
      message.writeInt32BE(processID, 8);
      message.writeInt32BE(secretKey, 12);
      socket.end(message);
    });
    socket.on('error', () => socket.destroy());
    socket.setTimeout(5_000, () => socket.destroy());
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await (await pool).end();
  }
}

function beginSql(client: PoolClient, { timeoutMs, searchPath }: ReadOnlyOptions): string {
  const ms = Math.trunc(timeoutMs);
  const statements = [
    'BEGIN TRANSACTION READ ONLY',
    `SET LOCAL statement_timeout = ${ms}`,
    `SET LOCAL lock_timeout = ${Math.min(ms, 10_000)}`,
    `SET LOCAL idle_in_transaction_session_timeout = ${ms + 5_000}`,
  ];
  if (searchPath?.length) {
    const path = [...searchPath.map((s) => client.escapeIdentifier(s)), 'pg_catalog'].join(', ');
    statements.push(`SET LOCAL search_path = ${path}`);
  }
  return statements.join('; ');
}

/** A failure of the connection itself (not of a statement): safe to retry before any work ran. */
function isConnectionLoss(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  if (code === '57P01' || code === '57P02' || code === '57P03') return true;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return false;
  return /Connection terminated|ECONNRESET|EPIPE|not queryable/i.test(String((error as Error).message));
}

import net, { type Socket } from 'node:net';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { type Connection, describeTarget } from './connection.js';
import { isConnectionLoss, toToolError } from './pg-errors.js';
import { typeParsers } from './pg-types.js';
import { type Batch, type PortalPlan, PortalStep, type TypeParsers } from './portal.js';

export interface ReadOnlyOptions {
  timeoutMs: number;
  /** Aborting cancels the running statement on the server (a protocol CancelRequest). */
  signal?: AbortSignal;
  /**
   * SET LOCAL search_path for the call: pg_catalog, then these schemas (the --schemas allow list; empty:
   * pg_catalog alone). Left out, the role's own search_path applies.
   */
  searchPath?: readonly string[];
}

/** One call's read-only transaction: our own SQL through `query`, the user's through `open`/`fetch`. */
export interface ReadOnlyClient {
  query<R extends QueryResultRow = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<{ rows: R[] }>;
  /** Opens the one user statement in a portal (extended protocol only) and reads up to `rows` rows. */
  open(sql: string, params: readonly unknown[], rows: number, maxWireBytes: number): Promise<Batch>;
  /** Reads up to `rows` more rows from the open portal. */
  fetch(rows: number, fields: Batch['fields'], maxWireBytes: number): Promise<Batch>;
}

type Backend = PoolClient & { processID: number | null; secretKey: number | null };
const PORTAL = 'bastion_rows';
const ignore = () => {};
// DISCARD ALL spelled out (its documented equivalent), because DISCARD ALL itself cannot share one
// round trip with the ROLLBACK: this way a call's reset is a single message.
const RESET =
  'CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DEALLOCATE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES';

/**
 * A small pool whose only way in is `readOnly`: every use is one BEGIN READ ONLY transaction with
 * local timeouts, always rolled back, then reset (DISCARD ALL) so no session state (advisory locks, prepared
 * statements, GUCs, temp objects) reaches the next call. The reset runs after the answer is returned;
 * the connection goes back to the pool only once it is done. pg is loaded on first use.
 */
export class Database {
  private pool: Promise<Pool> | undefined;
  private readonly resets = new Set<Promise<void>>();
  private types: TypeParsers | undefined;

  constructor(
    readonly connection: Connection,
    private readonly max = 4,
  ) {}

  private getPool(): Promise<Pool> {
    this.pool ??= import('pg').then(({ default: pg }) => {
      const types = typeParsers(pg.types);
      this.types = types as unknown as TypeParsers;
      const pool = new pg.Pool({
        ...this.connection.pg,
        max: this.max,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: 10_000,
        keepAlive: true,
        allowExitOnIdle: true,
        types,
      });
      // An idle connection dropped by a restarting server must not crash the process; the pool
      // discards it and the next call connects afresh.
      pool.on('error', () => {});
      return pool;
    });
    return this.pool;
  }

  async readOnly<T>(work: (client: ReadOnlyClient) => Promise<T>, options: ReadOnlyOptions): Promise<T> {
    const context = {
      redact: this.connection.redact,
      timeoutMs: options.timeoutMs,
      target: describeTarget(this.connection.target),
    };
    for (let attempt = 0; ; attempt++) {
      const pool = await this.getPool();
      const client = (await pool.connect().catch((error: unknown) => {
        throw toToolError(error, context);
      })) as Backend;
      // A checked-out client's connection errors (a closed socket) arrive through its queries; this
      // keeps the event itself from being an uncaught exception.
      client.on('error', ignore);
      const tx = new Transaction(client, beginStatements(client, options), this.types as TypeParsers);
      const onAbort = () => this.cancel(client);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await work(tx);
      } catch (error) {
        // A connection lost before anything came back (a restart, an idle connection the server
        // closed) is replaced once; repeating a read-only transaction is harmless.
        if (attempt === 0 && !tx.answered && isConnectionLoss(error)) {
          tx.broken = error as Error;
          continue;
        }
        throw toToolError(error, { ...context, cancelled: options.signal?.aborted });
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        this.track(tx.end().finally(() => client.off('error', ignore)));
      }
    }
  }

  private track(reset: Promise<void>): void {
    this.resets.add(reset);
    void reset.finally(() => this.resets.delete(reset));
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
    await Promise.all(this.resets);
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await (await pool).end();
  }
}

class Transaction implements ReadOnlyClient {
  private begun = false;
  /** True once the database answered anything in this transaction. */
  answered = false;
  broken: Error | undefined;

  constructor(
    private readonly client: PoolClient,
    private readonly begin: string[],
    private readonly types: TypeParsers,
  ) {}

  /** Our own SQL, all rows at once; on a call's first statement, BEGIN and the SET LOCALs ride along. */
  async query<R extends QueryResultRow>(sql: string, params: unknown[] = []) {
    const batch = await this.first(sql, params, '', 0, Number.POSITIVE_INFINITY);
    const names = batch.fields.map((f) => f.name);
    return { rows: batch.rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i]])) as R) };
  }

  open(sql: string, params: readonly unknown[], rows: number, maxWireBytes: number): Promise<Batch> {
    return this.first(sql, params, PORTAL, rows, maxWireBytes);
  }

  /** BEGIN and the SET LOCALs travel in the same write, ahead of the first statement: one round trip. */
  private first(sql: string, values: readonly unknown[], portal: string, rows: number, maxWireBytes: number) {
    const prelude = this.begun ? [] : this.begin;
    this.begun = true;
    return this.step({ prelude, open: { text: sql, values }, portal, rows, types: this.types, maxWireBytes });
  }

  fetch(rows: number, fields: Batch['fields'], maxWireBytes: number): Promise<Batch> {
    return this.step({ portal: PORTAL, rows, fields, types: this.types, maxWireBytes });
  }

  private async step(plan: PortalPlan): Promise<Batch> {
    const step = new PortalStep(plan);
    // pg buffers a whole message before parsing it: a single value of hundreds of MB would be held in
    // memory (or overflow a string). Past the cap the socket is closed and the rows so far returned.
    const stream = (this.client as unknown as { connection: { stream: Socket } }).connection.stream;
    let received = 0;
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= plan.maxWireBytes) return;
      stream.off('data', count);
      this.broken = new Error('result larger than the size limit');
      step.overflow();
      stream.destroy();
    };
    stream.on('data', count);
    this.client.query(step as never);
    try {
      const batch = await step.done;
      this.answered = true;
      return batch;
    } finally {
      stream.off('data', count);
    }
  }

  /** Rolls back and resets the session, then returns the connection (or closes it if that fails). */
  async end(): Promise<void> {
    if (this.broken) return this.client.release(this.broken);
    try {
      await this.client.query(this.begun ? `ROLLBACK; ${RESET}` : RESET);
      this.client.release();
    } catch (error) {
      this.client.release(error as Error);
    }
  }
}

function beginStatements(client: PoolClient, { timeoutMs, searchPath }: ReadOnlyOptions): string[] {
  const ms = Math.trunc(timeoutMs);
  const statements = [
    'BEGIN TRANSACTION READ ONLY',
    `SET LOCAL statement_timeout = ${ms}`,
    `SET LOCAL lock_timeout = ${Math.min(ms, 10_000)}`,
    `SET LOCAL idle_in_transaction_session_timeout = ${ms + 5_000}`,
    // The parser that approved the statement reads backslashes the standard way; so must the server
    // (with this off, 'a\' ends a string for one and not the other).
    'SET LOCAL standard_conforming_strings = on',
  ];
  if (searchPath) {
    // pg_catalog first: a function or operator planted in an allowed schema cannot shadow a built-in.
    const path = ['pg_catalog', ...searchPath.map((s) => client.escapeIdentifier(s))].join(', ');
    statements.push(`SET LOCAL search_path = ${path}`);
  }
  return statements;
}

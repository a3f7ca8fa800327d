import { describe, expect, it, onTestFinished } from 'vitest';
import { resolveConnection } from '../src/lib/connection.js';
import { Database, type ReadOnlyClient } from '../src/lib/database.js';
import { readRows } from '../src/lib/read-rows.js';
import { admin, urls } from './helpers.js';

// Each layer below the parser, tested on its own: the SQL here goes straight to the database layer,
// bypassing the classifier, as if the parser had let it through.

/** A one-connection pool, so consecutive calls share a backend and session state would show. */
function database(url = urls().admin) {
  const db = new Database(resolveConnection(url, {}), 1);
  onTestFinished(() => db.close());
  return db;
}

const run = <T>(db: Database, work: (c: ReadOnlyClient) => Promise<T>, timeoutMs = 5000) =>
  db.readOnly(work, { timeoutMs });
const one = async (c: ReadOnlyClient, sql: string) => (await c.query(sql)).rows[0] as Record<string, unknown>;
const victim = () => admin('SELECT * FROM victim ORDER BY id');

describe('layer 1: the extended protocol runs one statement', () => {
  it('refuses a stacked statement without running either part', async () => {
    const db = database();
    const before = await victim();
    const attempt = run(db, (c) =>
      readRows(c, 'SELECT 1; DELETE FROM victim', [], { maxRows: 10, maxBytes: 1e6 }),
    );
    await expect(attempt).rejects.toThrow(/cannot insert multiple commands into a prepared statement/);
    expect(await victim()).toEqual(before);
  });
});

describe('layer 3: a read-only transaction with local timeouts, always rolled back', () => {
  it('stops a write with the read-only transaction, even as a superuser', async () => {
    const db = database();
    const before = await victim();
    await expect(run(db, (c) => c.query('DELETE FROM victim'))).rejects.toThrow(/read-only transaction/);
    await expect(run(db, (c) => c.query('SELECT bump()'))).rejects.toThrow(/read-only transaction/);
    expect(await victim()).toEqual(before);
  });

  it('sets read-only and the three timeouts for the call only', async () => {
    const db = database();
    const inside = await run(
      db,
      async (c) => ({
        readOnly: (await one(c, 'SHOW transaction_read_only')).transaction_read_only,
        statement: (await one(c, 'SHOW statement_timeout')).statement_timeout,
        lock: (await one(c, 'SHOW lock_timeout')).lock_timeout,
        idle: (await one(c, 'SHOW idle_in_transaction_session_timeout')).idle_in_transaction_session_timeout,
      }),
      1500,
    );
    expect(inside).toEqual({ readOnly: 'on', statement: '1500ms', lock: '1500ms', idle: '6500ms' });
    const after = await run(
      db,
      async (c) => (await one(c, 'SHOW statement_timeout')).statement_timeout,
      2500,
    );
    expect(after).toBe('2500ms');
  });

  it('refuses temp objects: CREATE is not allowed in a read-only transaction', async () => {
    const db = database();
    await expect(run(db, (c) => c.query('CREATE TEMP TABLE scratch AS SELECT 1 AS x'))).rejects.toThrow(
      /read-only transaction/,
    );
    const temp = await run(db, async (c) => (await one(c, "SELECT to_regclass('pg_temp.scratch') AS t")).t);
    expect(temp).toBeNull();
  });

  it('stops a statement at the timeout', async () => {
    const db = database();
    await expect(run(db, (c) => c.query('SELECT pg_sleep(3)'), 200)).rejects.toThrow(/statement timeout/);
  });
});

describe('layer 4: no session state survives a call', () => {
  async function sameBackend(db: Database, setup: (c: ReadOnlyClient) => Promise<unknown>) {
    const pid = await run(db, async (c) => {
      await setup(c);
      return (await one(c, 'SELECT pg_backend_pid() AS pid')).pid;
    });
    return pid;
  }

  it('search_path set for the session is reset', async () => {
    const db = database();
    const pid = await sameBackend(db, (c) =>
      c.query("SELECT set_config('search_path', 'evil, public', false)"),
    );
    const after = await run(db, async (c) => ({
      pid: (await one(c, 'SELECT pg_backend_pid() AS pid')).pid,
      path: (await one(c, 'SHOW search_path')).search_path,
    }));
    expect(after).toEqual({ pid, path: '"$user", public' });
  });

  it('a session advisory lock is released', async () => {
    const db = database();
    await sameBackend(db, (c) => c.query('SELECT pg_advisory_lock(777)'));
    await run(db, async () => {}); // the reset runs after the answer; the next checkout waits for it
    expect(await admin("SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND objid = 777")).toEqual([]);
  });

  it('a prepared statement is deallocated', async () => {
    const db = database();
    const pid = await sameBackend(db, (c) => c.query('PREPARE leftover AS SELECT 1'));
    const after = await run(db, async (c) => ({
      pid: (await one(c, 'SELECT pg_backend_pid() AS pid')).pid,
      prepared: (await c.query('SELECT name FROM pg_prepared_statements')).rows,
    }));
    expect(after).toEqual({ pid, prepared: [] });
  });

  it('a session GUC is reset', async () => {
    const db = database();
    await sameBackend(db, (c) => c.query("SELECT set_config('application_name', 'tampered', false)"));
    const name = await run(db, async (c) => (await one(c, 'SHOW application_name')).application_name);
    expect(name).toBe('bastion-mcp-postgres');
  });

  it('a LISTEN registration and a held cursor are gone', async () => {
    const db = database();
    await sameBackend(db, async (c) => {
      await c.query('LISTEN bastion_channel');
      await c.query('DECLARE held CURSOR WITH HOLD FOR SELECT 1');
    });
    const after = await run(db, async (c) => ({
      channels: (await c.query('SELECT pg_listening_channels() AS ch')).rows,
      cursors: (await c.query("SELECT name FROM pg_cursors WHERE name <> ''")).rows, // '' is this query's own portal
    }));
    expect(after).toEqual({ channels: [], cursors: [] });
  });
});

describe('layer 5: results read through a cursor, capped by rows and bytes', () => {
  it('stops at max_rows on a two-million-row series and says so', async () => {
    const db = database();
    const rows = await run(db, (c) =>
      readRows(c, 'SELECT g AS n FROM generate_series(1, 2000000) g', [], { maxRows: 5, maxBytes: 1e6 }),
    );
    expect(rows).toMatchObject({ row_count: 5, truncated: true, truncated_by: 'max_rows' });
    expect(rows.rows).toEqual([[1], [2], [3], [4], [5]]);
  });

  it('stops at the byte cap', async () => {
    const db = database();
    const rows = await run(db, (c) =>
      readRows(c, "SELECT repeat('x', 1000) AS s FROM generate_series(1, 100)", [], {
        maxRows: 1000,
        maxBytes: 5000,
      }),
    );
    expect(rows).toMatchObject({ row_count: 4, truncated: true, truncated_by: 'max_bytes' });
  });

  it('is not truncated when every row fits', async () => {
    const db = database();
    const rows = await run(db, (c) =>
      readRows(c, 'SELECT * FROM victim ORDER BY id', [], { maxRows: 3, maxBytes: 1e6 }),
    );
    expect(rows).toMatchObject({ row_count: 3, truncated: false });
    expect(rows).not.toHaveProperty('truncated_by');
  });
});

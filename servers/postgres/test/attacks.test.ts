import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, pgClient, urls } from './helpers.js';

// The attack corpus, sent through the tools as a superuser (the worst case: every layer
// except the role must hold on its own) and as the read-only role. Afterwards the data, the catalog,
// the file system and other sessions must be exactly as before.
const CORPUS: [string, string][] = [
  ['stacked statements', 'SELECT 1; COMMIT; DROP TABLE victim'],
  ['bare COMMIT then a write', 'COMMIT; DELETE FROM victim'],
  ['bare ROLLBACK then a write', 'ROLLBACK; INSERT INTO victim VALUES (99, $$x$$)'],
  ['END then a write', 'END; UPDATE victim SET note = $$pwned$$'],
  ['data-modifying CTE', 'WITH d AS (DELETE FROM victim RETURNING *) SELECT * FROM d'],
  [
    'nested data-modifying CTE',
    'WITH a AS (SELECT 1), b AS (UPDATE victim SET note = $$x$$ RETURNING 1) SELECT * FROM a',
  ],
  ['SELECT INTO', 'SELECT * INTO stolen FROM victim'],
  ['FOR UPDATE', 'SELECT * FROM victim FOR UPDATE'],
  ['FOR SHARE in a subquery', 'SELECT * FROM (SELECT * FROM victim FOR SHARE) s'],
  ['SET TRANSACTION READ WRITE', 'SET TRANSACTION READ WRITE'],
  ['set_config on transaction_read_only', "SELECT set_config('transaction_read_only', 'off', true)"],
  ['set_config in a subquery', "SELECT (SELECT set_config('default_transaction_read_only', 'off', false))"],
  ['FROM-clause file reader', "SELECT * FROM pg_read_file('/etc/hostname')"],
  ['select-list file reader', "SELECT pg_read_file('/etc/passwd', 0, 100)"],
  ['attribute-notation file reader', "SELECT ('/etc/hostname'::text).pg_read_file"],
  ['directory listing', "SELECT * FROM pg_ls_dir('/')"],
  ['binary file reader', "SELECT pg_read_binary_file('/etc/hostname')"],
  ['nextval', "SELECT nextval('counter_seq')"],
  ['setval', "SELECT setval('counter_seq', 1000)"],
  ['lo_import', "SELECT lo_import('/etc/hostname')"],
  ['COPY TO PROGRAM', "COPY victim TO PROGRAM 'touch /tmp/bastion-pwned'"],
  ['COPY TO file', "COPY victim TO '/tmp/bastion-pwned'"],
  ['COPY FROM file', "COPY victim FROM '/etc/hostname'"],
  ['DO block', 'DO $$ BEGIN DELETE FROM victim; END $$'],
  ['CALL a writing procedure', 'CALL add_victim()'],
  ['VOLATILE plpgsql function that writes', 'SELECT bump()'],
  ['VOLATILE function in WHERE', 'SELECT 1 FROM victim WHERE bump() > 0'],
  ['VOLATILE function in a CTE', 'WITH x AS (SELECT public.bump()) SELECT * FROM x'],
  ['EXPLAIN ANALYZE of a DELETE', 'EXPLAIN ANALYZE DELETE FROM victim'],
  ['EXPLAIN ANALYZE of a function that writes', 'EXPLAIN ANALYZE SELECT bump()'],
  [
    'terminate other sessions',
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()',
  ],
  ['cancel other sessions', 'SELECT pg_cancel_backend(pid) FROM pg_stat_activity'],
  ['advisory lock', 'SELECT pg_advisory_lock(4242)'],
  ['shared advisory lock', 'SELECT pg_try_advisory_lock_shared(4242)'],
  ['comment hiding a second statement', 'SELECT 1 /* ; */ ; DELETE FROM victim -- ;'],
  ['dollar quote hiding a second statement', 'SELECT $x$ ; $x$; DELETE FROM victim'],
  ['line comment then statement', '-- harmless\nDELETE FROM victim'],
  ['LOCK', 'LOCK TABLE victim IN ACCESS EXCLUSIVE MODE'],
  ['LISTEN', 'LISTEN bastion'],
  ['NOTIFY', "SELECT pg_notify('bastion', 'x')"],
  ['PREPARE', 'PREPARE p AS DELETE FROM victim'],
  ['DECLARE', 'DECLARE c CURSOR WITH HOLD FOR SELECT 1'],
  ['SET search_path', 'SET search_path TO evil'],
  ['RESET', 'RESET ALL'],
  ['CREATE TEMP TABLE', 'CREATE TEMP TABLE t AS SELECT 1'],
  ['DROP', 'DROP TABLE victim'],
  ['TRUNCATE', 'TRUNCATE victim'],
  ['GRANT', 'GRANT ALL ON victim TO PUBLIC'],
  ['ALTER SYSTEM', "ALTER SYSTEM SET log_statement = 'all'"],
  ['VACUUM', 'VACUUM victim'],
  ['dblink', "SELECT dblink_exec('dbname=postgres', 'DROP TABLE victim')"],
  ['query_to_xml runs SQL text', "SELECT query_to_xml('DELETE FROM victim RETURNING 1', true, true, '')"],
];

interface World {
  victim: unknown[];
  sequence: unknown[];
  relations: unknown[];
  functions: unknown[];
  locks: unknown[];
  largeObjects: unknown[];
}

async function world(): Promise<World> {
  return {
    victim: await admin('SELECT * FROM victim ORDER BY id'),
    sequence: await admin('SELECT last_value, is_called FROM counter_seq'),
    relations: await admin(
      "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1, 2",
    ),
    functions: await admin(
      "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1",
    ),
    locks: await admin("SELECT objid FROM pg_locks WHERE locktype = 'advisory'"),
    largeObjects: await admin('SELECT oid FROM pg_largeobject_metadata'),
  };
}

describe.each([
  ['superuser', () => urls().admin],
  ['read-only role', () => urls().reader],
])('the attack corpus as a %s', (_who, url) => {
  // Another session that must survive every attack (pg_terminate_backend, locks).
  let bystander: pg.Client;
  beforeAll(async () => {
    bystander = new pg.Client({ connectionString: urls().admin });
    await bystander.connect();
  });
  afterAll(() => bystander.end());

  it.each(CORPUS)('%s is refused and changes nothing', async (_label, sql) => {
    const before = await world();
    const client = await pgClient([], { url: url() });
    const result = await client.call('query', { sql });
    expect(result.isError, client.textOf(result)).toBe(true);
    expect(client.textOf(result)).toMatch(/^\[(access_denied|invalid_input)\] /);
    expect(client.textOf(result)).toContain('Fix:');
    expect(await world()).toEqual(before);
    expect((await bystander.query('SELECT 1 AS alive')).rows).toEqual([{ alive: 1 }]);
  });

  it('EXPLAIN ANALYZE through the explain tool refuses a DELETE and a writing function', async () => {
    const before = await world();
    const client = await pgClient([], { url: url() });
    for (const sql of ['DELETE FROM victim', 'SELECT bump()']) {
      const result = await client.call('explain', { sql, analyze: true });
      expect(result.isError, sql).toBe(true);
    }
    expect(await world()).toEqual(before);
  });

  it('pg_sleep past the timeout is stopped by statement_timeout', async () => {
    const client = await pgClient(['--statement-timeout-ms', '300'], { url: url() });
    const started = Date.now();
    const result = await client.call('query', { sql: 'SELECT pg_sleep(5)' });
    expect(client.textOf(result)).toMatch(/^\[timeout\] .*statement timeout \(300 ms\)/);
    expect(Date.now() - started).toBeLessThan(4000);
    const next = await client.call('query', { sql: 'SELECT 1 AS ok' });
    expect(next.structuredContent).toMatchObject({ rows: [[1]] });
  });
});

describe('after the corpus', () => {
  it('left no file behind', async () => {
    const { existsSync } = await import('node:fs');
    expect(existsSync('/tmp/bastion-pwned')).toBe(false);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { classifySql, loadParser } from '../src/lib/classify-sql.js';

beforeAll(async () => {
  await loadParser();
});

// [sql, pattern the refusal reason must match]
const refused: [string, RegExp][] = [
  ['SELECT 1; SELECT 2', /stacked statements are not allowed: found 2/],
  ['SELECT 1; COMMIT; DROP TABLE t', /stacked statements are not allowed: found 3/],
  ['COMMIT', /transaction control/],
  ['ROLLBACK', /transaction control/],
  ['END', /transaction control/],
  ['BEGIN READ WRITE', /transaction control/],
  ['SAVEPOINT s', /transaction control/],
  ['COMMIT; DELETE FROM t', /stacked statements/],
  ['WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x', /data-modifying WITH.*DELETE in CTE "x"/],
  [
    'SELECT * FROM (WITH y AS (UPDATE t SET a = 1 RETURNING a) SELECT * FROM y) s',
    /data-modifying WITH.*UPDATE/,
  ],
  ['SELECT (WITH z AS (INSERT INTO t VALUES (1) RETURNING 1) SELECT 1)', /data-modifying WITH.*INSERT/],
  [
    'WITH a AS (SELECT 1), d AS (MERGE INTO t USING u ON true WHEN MATCHED THEN DELETE RETURNING 1) SELECT 1',
    /data-modifying WITH.*MERGE/,
  ],
  ['SELECT * INTO newt FROM t', /SELECT INTO/],
  ['CREATE TABLE n AS SELECT 1', /CREATE TABLE AS/],
  ['SELECT * FROM t FOR UPDATE', /FOR UPDATE/],
  ['SELECT * FROM t FOR SHARE OF t NOWAIT', /FOR UPDATE/],
  ['SELECT * FROM (SELECT * FROM t FOR UPDATE) s', /FOR UPDATE/],
  ['SELECT 1 UNION SELECT a FROM t FOR NO KEY UPDATE', /FOR UPDATE/],
  ['SET TRANSACTION READ WRITE', /SET and RESET/],
  ['SET search_path = evil', /SET and RESET/],
  ['RESET ALL', /SET and RESET/],
  ["SELECT set_config('transaction_read_only', 'off', false)", /function set_config is not allowed/],
  ["SELECT pg_read_file('/etc/passwd')", /function pg_read_file is not allowed/],
  ["SELECT pg_catalog.pg_read_file('/etc/passwd')", /function pg_read_file is not allowed/],
  ["SELECT PG_READ_FILE('/etc/passwd')", /function pg_read_file is not allowed/],
  // Quoted keeps case ("PG_READ_FILE" is a different, normally absent function): refused anyway, by choice.
  ['SELECT "PG_READ_FILE"(\'/etc/passwd\')', /function pg_read_file is not allowed/],
  ["SELECT * FROM pg_read_binary_file('/etc/passwd')", /pg_read_binary_file/],
  ["SELECT * FROM pg_ls_dir('.')", /pg_ls_dir is not allowed \(the pg_ls_\* family/],
  ['SELECT * FROM pg_catalog.pg_ls_waldir()', /pg_ls_waldir/],
  ["SELECT * FROM ROWS FROM (generate_series(1, 2), pg_ls_dir('.'))", /pg_ls_dir/],
  ['SELECT * FROM t, LATERAL pg_stat_file(t.path) f', /pg_stat_file/],
  ["SELECT 1 WHERE EXISTS (SELECT lo_import('/etc/passwd'))", /lo_import/],
  ["SELECT lo_export(1, '/tmp/x')", /lo_export/],
  ["SELECT 1 UNION ALL SELECT length(pg_read_file('x'))", /pg_read_file/],
  ["SELECT ('/etc/hostname'::text).pg_read_file", /pg_read_file .*attribute notation/],
  ['SELECT s.x.pg_read_file FROM (SELECT 1 AS x) s', /pg_read_file .*attribute notation/],
  ["SELECT nextval('s')", /nextval/],
  ["SELECT setval('s', 1)", /setval/],
  ['SELECT txid_current()', /txid_current/],
  ['SELECT pg_current_xact_id()', /pg_current_xact_id/],
  ["COPY t TO PROGRAM 'id'", /COPY is not allowed/],
  ["COPY t TO '/tmp/t.csv'", /COPY is not allowed/],
  ["COPY (SELECT 1) TO '/tmp/t.csv'", /COPY is not allowed/],
  ['DO $$ BEGIN DELETE FROM t; END $$', /DO blocks/],
  ['CALL writer()', /CALL is not allowed/],
  ['EXPLAIN ANALYZE DELETE FROM t', /EXPLAIN ANALYZE of a refused statement: DELETE/],
  ['EXPLAIN DELETE FROM t', /EXPLAIN of a refused statement: DELETE/],
  ['EXPLAIN (ANALYZE false) DELETE FROM t', /EXPLAIN of a refused statement/],
  ["EXPLAIN ANALYZE SELECT pg_read_file('x')", /pg_read_file/],
  ['EXPLAIN ANALYZE SELECT * FROM t FOR UPDATE', /FOR UPDATE/],
  ['SELECT pg_terminate_backend(pid) FROM pg_stat_activity', /pg_terminate_backend/],
  ['SELECT pg_cancel_backend(1)', /pg_cancel_backend/],
  ['SELECT pg_reload_conf()', /pg_reload_conf/],
  ["SELECT pg_create_logical_replication_slot('s', 'pgoutput')", /pg_create_logical_replication_slot/],
  ['SELECT pg_advisory_lock(1)', /pg_advisory_lock/],
  ['SELECT pg_advisory_xact_lock_shared(1)', /pg_advisory_xact_lock_shared/],
  ['SELECT pg_try_advisory_lock(1)', /pg_try_advisory_lock/],
  ["SELECT * FROM dblink('host=x', 'DELETE FROM t') AS r(a int)", /dblink/],
  ["SELECT public.dblink_exec('DELETE FROM t')", /dblink_exec/],
  ["SELECT query_to_xml('SELECT pg_read_file(''x'')', true, false, '')", /query_to_xml/],
  ["SELECT pg_notify('c', 'm')", /pg_notify/],
  ['SELECT 1 /* ; */ ; DROP TABLE t', /stacked statements/],
  ['SELECT 1 -- ;\n; DROP TABLE t', /stacked statements/],
  ['SELECT $$x$$; DROP TABLE t', /stacked statements/],
  ["SELECT 'a;b'; DROP TABLE t", /stacked statements/],
  ['LOCK TABLE t', /LOCK is not allowed/],
  ['LISTEN c', /LISTEN is not allowed/],
  ["NOTIFY c, 'x'", /NOTIFY is not allowed/],
  ['UNLISTEN *', /UNLISTEN is not allowed/],
  ['PREPARE p AS SELECT 1', /PREPARE is not allowed/],
  ['EXECUTE p', /EXECUTE is not allowed/],
  ['DEALLOCATE ALL', /DEALLOCATE is not allowed/],
  ['DECLARE c CURSOR FOR SELECT 1', /DECLARE/],
  ['DISCARD ALL', /DISCARD/],
  ['INSERT INTO t VALUES (1)', /INSERT is not allowed/],
  ['UPDATE t SET a = 1', /UPDATE is not allowed/],
  ['DELETE FROM t', /DELETE is not allowed/],
  ['TRUNCATE t', /Truncate statements are not allowed/],
  ['DROP TABLE t', /Drop statements are not allowed/],
  ['CREATE TABLE x (a int)', /Create statements are not allowed/],
  ['ALTER TABLE t ADD COLUMN b int', /Alter Table statements are not allowed/],
  ['GRANT SELECT ON t TO public', /Grant statements are not allowed/],
  ['VACUUM t', /Vacuum statements are not allowed/],
  ['', /no SQL statement found/],
  [';;', /no SQL statement found/],
  ['-- only a comment', /no SQL statement found/],
];

describe('classifySql refuses', () => {
  it.each(refused)('%s', (sql, reason) => {
    const r = classifySql(sql);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(reason);
    expect(r.fix.length).toBeGreaterThan(0);
  });
});

// [sql, statement kind, functions left for the pg_proc volatility check]
const allowed: [string, string, string[]][] = [
  ['SELECT 1', 'select', []],
  ['SELECT 1;', 'select', []],
  ['SELECT 1 /* ; DROP TABLE t */', 'select', []],
  ['SELECT $$;DROP TABLE t$$', 'select', []],
  ["SELECT 'x; DROP TABLE t'", 'select', []],
  [
    'SELECT a, row_number() OVER (PARTITION BY b ORDER BY c), lag(a) OVER w FROM t WINDOW w AS (ORDER BY c)',
    'select',
    [],
  ],
  [
    'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), mode() WITHIN GROUP (ORDER BY y) FROM t',
    'select',
    [],
  ],
  ['SELECT * FROM generate_series(1, 10) AS g(n)', 'select', []],
  ['SELECT * FROM unnest(ARRAY[1, 2]) u, jsonb_each(\'{"a":1}\'::jsonb) j', 'select', []],
  ["SELECT jsonb_build_object('a', 1) -> 'a', json_agg(t) FROM t", 'select', []],
  ["SELECT jsonb_path_query(doc, '$.a[*]') FROM t", 'select', []],
  [
    'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT sum(n) FROM r',
    'select',
    [],
  ],
  ['SELECT 1 UNION SELECT 2 EXCEPT SELECT 3', 'select', []],
  ['SELECT * FROM t WHERE a IN (SELECT b FROM u WHERE u.c = t.c)', 'select', ['c']],
  ['SELECT * FROM t, LATERAL (SELECT max(x) FROM u WHERE u.id = t.id) m', 'select', ['id']],
  ['SELECT count(*), pg_catalog.lower(name), now(), coalesce(a, 0), greatest(a, b) FROM t', 'select', []],
  ['SELECT EXTRACT(year FROM ts), ts::date, CAST(x AS regclass) FROM t', 'select', []],
  ['SELECT pg_sleep(0.01)', 'select', []],
  [
    'SELECT my_func(a), myschema.other(b), "Count"(c) FROM t',
    'select',
    ['my_func', 'myschema.other', 'Count'],
  ],
  ['SELECT $1::int + $2', 'select', []],
  ['VALUES (1, 2), (3, 4)', 'values', []],
  ['TABLE t', 'table', []],
  ['SHOW search_path', 'show', []],
  ['SHOW ALL', 'show', []],
  ['EXPLAIN SELECT * FROM t', 'explain', []],
  ['EXPLAIN (FORMAT JSON) SELECT my_func(1)', 'explain', ['my_func']],
];

describe('classifySql allows', () => {
  it.each(allowed)('%s', (sql, statement, functions) => {
    const r = classifySql(sql);
    expect(r).toMatchObject({ ok: true, statement });
    if (r.ok) expect(r.functions.sort()).toEqual([...functions].sort());
  });

  it.each([
    ['EXPLAIN ANALYZE SELECT * FROM t', true],
    ['EXPLAIN (ANALYZE, BUFFERS) SELECT 1', true],
    ['EXPLAIN (ANALYZE true) SELECT 1', true],
    ['EXPLAIN (ANALYZE off) SELECT 1', false],
    ['EXPLAIN SELECT 1', false],
  ])('%s reports analyze=%s', (sql, analyze) => {
    expect(classifySql(sql)).toMatchObject({ ok: true, statement: 'explain', analyze });
  });
});

describe('classifySql parse errors', () => {
  it('carries the parser message and position', () => {
    const r = classifySql('SELECT * FRM t');
    expect(r).toMatchObject({ ok: false, position: 10 });
    if (!r.ok)
      expect(r.reason).toBe('could not parse the SQL: syntax error at or near "FRM" (at character 10)');
  });

  it.each(['SELECT (1', "SELECT 'unterminated", 'SELECT $$x', 'SELEC 1', 'SELECT 1; SELEC 2'])(
    '%s',
    (sql) => {
      const r = classifySql(sql);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^could not parse the SQL: .+ \(at character \d+\)$/);
    },
  );

  it('answers deep nesting without throwing', () => {
    const deep = (n: number) => `${'SELECT ('.repeat(n)}1${')'.repeat(n)}`;
    expect(classifySql(deep(50))).toMatchObject({ ok: true, statement: 'select' });
    expect(typeof classifySql(deep(5000)).ok).toBe('boolean');
  });
});

describe('what the classifier collects for the server', () => {
  it.each([
    ['SELECT 1', 0, []],
    ['SELECT $1::int + $3::int', 3, []],
    [
      'SELECT * FROM shop.orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = $1',
      1,
      [['shop', 'orders']],
    ],
    [
      'WITH x AS (SELECT * FROM a.t WHERE v = $2) SELECT * FROM x, b.u',
      2,
      [
        ['a', 't'],
        ['b', 'u'],
      ],
    ],
    ['EXPLAIN SELECT * FROM (SELECT * FROM s.t) q WHERE $1', 1, [['s', 't']]],
  ])('%s: highest placeholder and qualified relations', (sql, params, relations) => {
    const r = classifySql(sql);
    expect(r).toMatchObject({ ok: true, params });
    if (r.ok) expect([...r.relations].sort()).toEqual(relations);
  });
});

describe('operators the classifier collects for the volatility check', () => {
  it.each([
    ['SELECT 1', []],
    ["SELECT a + b FROM t WHERE c = 1 AND d LIKE 'x%'", ['+', '=', '~~']],
    ['SELECT 1 OPERATOR(public.###) 2', ['###']],
    ['SELECT * FROM t WHERE x = ANY (SELECT y FROM u)', ['=']],
    ['SELECT x FROM t ORDER BY x USING <', ['<']],
    ['WITH w AS (SELECT a ### b AS c FROM t) SELECT * FROM w', ['###']],
    ['EXPLAIN SELECT -x FROM t', ['-']],
  ])('%s', (sql, operators) => {
    const r = classifySql(sql);
    expect(r.ok).toBe(true);
    if (r.ok) expect([...r.operators].sort()).toEqual([...operators].sort());
  });
});

describe('a parser failure', () => {
  it('does not poison later parses: a deep expression is refused, then ordinary SQL still parses', async () => {
    // Each of these overflows the WASM stack; without a fresh instance the parser breaks after ~20.
    const deep = `SELECT 1${'+1'.repeat(10000)}`;
    for (let i = 0; i < 40; i++) {
      await loadParser();
      expect(classifySql(deep)).toMatchObject({
        ok: false,
        reason: 'the SQL is nested too deeply for the parser',
      });
      await loadParser();
      expect(classifySql('SELECT 1 AS alive')).toMatchObject({ ok: true, statement: 'select' });
    }
  });
});

import { describe, expect, it, onTestFinished } from 'vitest';
import { admin, pgClient, urls } from './helpers.js';

// Attacks that depend on how the database or role is configured, each found in review.

async function roleWith(settings: string[]): Promise<string> {
  const role = `bastion_cfg_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const db = (await admin<{ db: string }>('SELECT current_database() AS db'))[0]?.db as string;
  await admin(`CREATE ROLE ${role} LOGIN PASSWORD 'cfg-pw'`);
  await admin(`GRANT CONNECT ON DATABASE ${db} TO ${role}`);
  for (const setting of settings) await admin(`ALTER ROLE ${role} SET ${setting}`);
  onTestFinished(async () => {
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]);
    await admin(`DROP OWNED BY ${role}`);
    await admin(`DROP ROLE ${role}`);
  });
  const url = new URL(urls().admin);
  url.username = role;
  url.password = 'cfg-pw';
  return url.href;
}

/** A schema anyone may use holding an always-false `=` for (name, text); dropped after the test. */
async function schemaWithFalseEquals(prefix: string): Promise<string> {
  const schema = `${prefix}_${process.pid}`;
  await admin(`CREATE SCHEMA ${schema}`);
  onTestFinished(async () => {
    await admin(`DROP SCHEMA ${schema} CASCADE`);
  });
  await admin(
    `CREATE FUNCTION ${schema}.never(name, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT false'`,
  );
  await admin(`CREATE OPERATOR ${schema}.= (LEFTARG = name, RIGHTARG = text, FUNCTION = ${schema}.never)`);
  await admin(`GRANT USAGE ON SCHEMA ${schema} TO PUBLIC`);
  return schema;
}

describe('configuration-dependent attacks', () => {
  it('standard_conforming_strings = off cannot make the server read SQL the parser read as a string', async () => {
    const url = await roleWith(['standard_conforming_strings = off']);
    const client = await pgClient([], { url });
    const sql = "SELECT 'a\\' AS x, ' AS y, set_config($$application_name$$, $$pwned$$, false) AS z --'";
    const result = await client.call('query', { sql });
    expect(result.isError, client.textOf(result)).toBeFalsy();
    const columns = (result.structuredContent as { columns: { name: string }[] }).columns.map((c) => c.name);
    expect(columns).toEqual(['x', '?column?']);
  });

  it('a planted operator in a --schemas schema cannot shadow the built-in the volatility check uses', async () => {
    const schema = await schemaWithFalseEquals('shadow');
    const client = await pgClient(['--schemas', schema], { url: urls().admin });
    const result = await client.call('query', { sql: 'SELECT pg_stat_clear_snapshot()' });
    expect(client.textOf(result)).toMatch(
      /^\[access_denied\] function pg_catalog\.pg_stat_clear_snapshot is VOLATILE/,
    );
    const listed = await client.call('list_schemas');
    expect((listed.structuredContent as { schemas: { name: string }[] }).schemas.map((s) => s.name)).toEqual([
      schema,
    ]);
  });

  it('a role whose search_path puts a planted operator ahead of pg_catalog cannot blind the volatility check', async () => {
    const schema = await schemaWithFalseEquals('shadow_role');
    const url = await roleWith([`search_path = ${schema}, pg_catalog, public`]);
    const client = await pgClient([], { url });
    const result = await client.call('query', { sql: 'SELECT pg_stat_clear_snapshot()' });
    expect(client.textOf(result)).toMatch(
      /^\[access_denied\] function pg_catalog\.pg_stat_clear_snapshot is VOLATILE/,
    );
  });

  it('an operator backed by a VOLATILE function is refused before it runs; a STABLE one works', async () => {
    await admin(`CREATE FUNCTION public.op_writes(int, int) RETURNS int LANGUAGE plpgsql VOLATILE AS $$
      BEGIN PERFORM pg_catalog.pg_advisory_lock(4242); RETURN $1 + $2; END $$`);
    await admin('CREATE OPERATOR public.### (LEFTARG = int, RIGHTARG = int, FUNCTION = public.op_writes)');
    await admin(
      `CREATE FUNCTION public.op_reads(int, int) RETURNS int LANGUAGE sql STABLE AS 'SELECT $1 * $2'`,
    );
    await admin('CREATE OPERATOR public.#*# (LEFTARG = int, RIGHTARG = int, FUNCTION = public.op_reads)');
    onTestFinished(async () => {
      await admin('DROP FUNCTION public.op_writes(int, int), public.op_reads(int, int) CASCADE');
    });
    const client = await pgClient([]);
    for (const sql of [
      'SELECT 1 ### 2',
      'SELECT 1 OPERATOR(public.###) 2',
      'SELECT 1 WHERE 3 ### ANY (SELECT 2)',
      'SELECT x FROM (VALUES (1)) v(x) ORDER BY x USING ###',
    ]) {
      const result = await client.call('query', { sql });
      expect(client.textOf(result), sql).toMatch(
        /^\[access_denied\] operator public\.### runs a VOLATILE function/,
      );
    }
    const explained = await client.call('explain', { sql: 'SELECT 1 ### 2', analyze: true });
    expect(client.textOf(explained)).toMatch(
      /^\[access_denied\] operator public\.### runs a VOLATILE function/,
    );
    const locks = await admin<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242",
    );
    expect(locks[0]?.n).toBe(0);
    const stable = await client.call('query', { sql: 'SELECT 6 #*# 7 AS product' });
    expect(stable.structuredContent).toMatchObject({ rows: [[42]] });
  });

  it.each([
    ['table_to_xml reads a table named in a string', "SELECT table_to_xml('public.victim', true, false, '')"],
    ['schema_to_xml reads a whole schema', "SELECT schema_to_xml('public', true, false, '')"],
    ['database_to_xml reads everything', "SELECT database_to_xml(true, false, '')"],
    ['pg_file_settings shows postgresql.conf', 'SELECT * FROM pg_file_settings'],
    ['pg_hba_file_rules shows pg_hba.conf', 'SELECT * FROM pg_catalog.pg_hba_file_rules'],
    ['pg_authid holds password hashes', 'SELECT rolpassword FROM pg_authid'],
    ['pg_shadow holds password hashes', 'SELECT * FROM (SELECT passwd FROM pg_shadow) s'],
    ['pg_config shows the build', 'SELECT * FROM pg_config'],
  ])('%s: refused even for a superuser', async (_label, sql) => {
    const client = await pgClient(['--schemas', 'shop'], { url: urls().admin });
    const result = await client.call('query', { sql });
    expect(client.textOf(result)).toMatch(/^\[access_denied\] sql: .*not allowed/);
  });
});

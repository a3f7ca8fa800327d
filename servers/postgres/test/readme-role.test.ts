import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnBin } from '@bastion-mcp/runtime/testing';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { admin, pgClient } from './helpers.js';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The SQL block the README gives for a SELECT-only role, as a user would copy it. */
function readmeRoleSql(): string {
  const readme = fs.readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
  const block = /<!-- readonly-role:start -->\n```sql\n([\s\S]*?)```\n<!-- readonly-role:end -->/.exec(
    readme,
  );
  if (!block?.[1]) throw new Error('README has no readonly-role SQL block');
  return block[1];
}

describe("the README's SELECT-only role", () => {
  it('reads tables made before and after, passes the role check, and cannot write', async () => {
    const role = `mcp_reader_${process.pid}`;
    const password = `pw-${role}`;
    const sql = readmeRoleSql()
      .replaceAll('mcp_reader', role)
      .replaceAll("'change-me'", `'${password}'`)
      .replaceAll('DATABASE app', `DATABASE ${inject('pgDatabase')}`);
    await admin('CREATE TABLE IF NOT EXISTS public.made_before (n int)');
    await admin(sql);
    onTestFinished(async () => {
      await admin(`DROP TABLE IF EXISTS public.made_before, public.made_after`);
      await admin(`DROP OWNED BY ${role}`);
      await admin(`DROP ROLE IF EXISTS ${role}`);
    });
    await admin('CREATE TABLE public.made_after (n int); INSERT INTO public.made_after VALUES (7)');

    const url = new URL(inject('pgAdminUrl'));
    url.username = role;
    url.password = password;
    const client = await pgClient([], { url: url.href });
    for (const table of ['made_before', 'made_after']) {
      const result = await client.call('query', { sql: `SELECT count(*)::int AS n FROM public.${table}` });
      expect(result.isError, client.textOf(result)).toBeFalsy();
    }
    const write = await client.call('query', { sql: 'SELECT 1 FROM public.made_after FOR UPDATE' });
    expect(write.isError).toBe(true);

    const bin = await spawnBin(path.join(pkgDir, 'dist/index.js'), ['--require-readonly-role', url.href]);
    expect(bin.stderr()).toMatch(new RegExp(`as read-only role "${role}"`));
    await bin.close();
  });
});

describe('pnpm try:postgres', () => {
  it('serves the sample shop as a read-only role over stdio', async () => {
    const client = await spawnBin(path.join(pkgDir, 'support/try-sample.mjs'));
    const tables = await client.call('list_tables', { schema: 'shop' });
    expect(client.textOf(tables)).toContain('customers');
    expect(client.stderr()).toMatch(/as read-only role "bastion_\w+_reader"/);
    await client.close();
  });
});

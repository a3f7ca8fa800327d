import { describe, expect, it, onTestFinished } from 'vitest';
import { admin, pgClient, urls } from './helpers.js';

const activeWith = async (marker: string) =>
  admin<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE $1", [
    `%${marker}%`,
  ]);

async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('cancellation', () => {
  it('a cancelled MCP request cancels the query on the server', async () => {
    const client = await pgClient();
    const marker = `cancel_me_${process.pid}_${Date.now()}`;
    const controller = new AbortController();
    const call = client.client
      .callTool(
        {
          name: 'query',
          arguments: { sql: `SELECT count(*) AS ${marker} FROM generate_series(1, 3000000000)` },
        },
        { signal: controller.signal },
      )
      .catch((error: unknown) => error);
    expect(await waitFor(async () => (await activeWith(marker)).length === 1)).toBe(true);
    controller.abort();
    // Without the CancelRequest it would run until the 30 s statement timeout.
    expect(await waitFor(async () => (await activeWith(marker)).length === 0, 3000)).toBe(true);
    await call;
    const next = await client.call('query', { sql: 'SELECT 1 AS ok' });
    expect(next.structuredContent).toMatchObject({ rows: [[1]] });
  });
});

describe('recovery', () => {
  it('keeps answering after the server drops every connection (as a restart does)', async () => {
    const client = await pgClient(['--pool-size', '2']);
    await client.call('query', { sql: 'SELECT 1' });
    const role = (await client.call('query', { sql: 'SELECT current_user AS u' })).structuredContent as {
      rows: string[][];
    };
    const user = role.rows[0]?.[0];
    const killed = await admin<{ ok: boolean }>(
      'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE usename = $1',
      [user],
    );
    expect(killed.length).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) {
      const result = await client.call('query', { sql: 'SELECT 2 AS two' });
      expect(result.structuredContent, client.textOf(result)).toMatchObject({ rows: [[2]] });
    }
  });

  it('reports an unreachable database as upstream, with a fix, and no stack', async () => {
    const client = await pgClient([], { url: 'postgresql://nobody:pw@127.0.0.1:1/none' });
    const result = await client.call('list_schemas');
    expect(client.textOf(result)).toMatch(
      /^\[upstream\] the database could not be reached: connect ECONNREFUSED/,
    );
    expect(client.textOf(result)).not.toContain('pw@');
  });

  it('names an unknown database as not_found, with a fix for the person running the server', async () => {
    const url = new URL(urls().reader);
    url.pathname = '/no_such_database';
    const client = await pgClient([], { url: url.href });
    const text = client.textOf(await client.call('list_schemas'));
    expect(text).toMatch(
      /^\[not_found\] no such database at \w+@[\d.]+:\d+\/no_such_database: database "no_such_database" does not exist/,
    );
    expect(text).toMatch(/Fix: No call can fix this; .*existing database \(psql -l lists them\)/);
  });

  it('names a role that may not log in as an authorization failure, apart from a wrong password', async () => {
    const role = `bastion_nologin_${process.pid}`;
    await admin(`CREATE ROLE ${role} NOLOGIN PASSWORD 'pw-${role}'`);
    onTestFinished(() => admin(`DROP ROLE IF EXISTS ${role}`).then(() => {}));
    const url = new URL(urls().reader);
    url.username = role;
    url.password = `pw-${role}`;
    const client = await pgClient([], { url: url.href });
    const text = client.textOf(await client.call('list_schemas'));
    expect(text).toMatch(
      /^\[access_denied\] the role may not connect to .* \(authorization\): .*not permitted to log in/,
    );
    expect(text).toMatch(/ALTER ROLE \.\.\. LOGIN; GRANT CONNECT ON DATABASE/);
    expect(text).not.toContain(`pw-${role}`);
  });
});

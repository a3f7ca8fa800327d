import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabase,
  type PostgresCluster,
  startPostgres,
  type TestDatabase,
} from '../support/embedded.mjs';
import { pgClient } from './helpers.js';

// A second embedded cluster of this file's own, serving TLS with a self-signed certificate for 127.0.0.1,
// which it can also restart.
let cluster: PostgresCluster;
let db: TestDatabase;
beforeAll(async () => {
  cluster = await startPostgres({ tls: true, log: () => {} });
  db = await createDatabase(cluster.adminUrl);
}, 60_000);
afterAll(async () => {
  await db?.drop();
  await cluster?.stop();
});

const withParams = (params: Record<string, string>) => {
  const url = new URL(db.readerUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
};
const sslInUse = 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()';

describe('TLS, as libpq would do it', () => {
  it.each([
    ['sslmode=require encrypts without checking the certificate', { sslmode: 'require' }, true],
    ['sslmode=disable does not encrypt', { sslmode: 'disable' }, false],
  ])('%s', async (_label, params, encrypted) => {
    const client = await pgClient([], { url: withParams(params) });
    const result = await client.call('query', { sql: sslInUse });
    expect(result.structuredContent, client.textOf(result)).toMatchObject({ rows: [[encrypted]] });
  });

  it('sslmode=verify-full with the server CA in sslrootcert checks it and connects', async () => {
    const client = await pgClient([], {
      url: withParams({ sslmode: 'verify-full', sslrootcert: cluster.sslRootCert as string }),
    });
    const result = await client.call('query', { sql: sslInUse });
    expect(result.structuredContent, client.textOf(result)).toMatchObject({ rows: [[true]] });
  });

  it('takes the mode and the CA from PGSSLMODE and PGSSLROOTCERT too', async () => {
    const client = await pgClient([], {
      url: db.readerUrl,
      env: { PGSSLMODE: 'verify-full', PGSSLROOTCERT: cluster.sslRootCert as string },
    });
    const result = await client.call('query', { sql: sslInUse });
    expect(result.structuredContent, client.textOf(result)).toMatchObject({ rows: [[true]] });
  });

  it('sslmode=verify-full refuses a certificate it cannot verify, as upstream, without the password', async () => {
    const client = await pgClient([], { url: withParams({ sslmode: 'verify-full' }) });
    const result = await client.call('query', { sql: 'SELECT 1' });
    expect(client.textOf(result)).toMatch(
      /^\[upstream\] the database could not be reached: .*(self[- ]signed|certificate)/i,
    );
    expect(client.textOf(result)).not.toContain(decodeURIComponent(new URL(db.readerUrl).password));
  });
});

describe('a database restart', () => {
  it('is survived: the pool drops the dead connections and the next call reconnects', async () => {
    const client = await pgClient(['--pool-size', '2'], { url: withParams({ sslmode: 'require' }) });
    const before = await client.call('query', { sql: 'SELECT pg_postmaster_start_time()::text AS started' });
    expect(before.isError, client.textOf(before)).toBeFalsy();
    await cluster.restart();
    const after = await client.call('query', { sql: 'SELECT pg_postmaster_start_time()::text AS started' });
    expect(after.isError, client.textOf(after)).toBeFalsy();
    expect(after.structuredContent).not.toEqual(before.structuredContent);
  });
});

import { parseConfig } from '@bastion-mcp/runtime';
import { connect, type Era, type TestClient } from '@bastion-mcp/runtime/testing';
import pg from 'pg';
import { inject, onTestFinished } from 'vitest';
import { configSpec, createServer } from '../src/server.js';

export const urls = () => ({
  admin: inject('pgAdminUrl'),
  reader: inject('pgReaderUrl'),
  writer: inject('pgWriterUrl'),
});

/** Builds the server from CLI-style arguments as the bin would, connecting as the reader by default. */
export function pgServer(argv: string[] = [], url = urls().reader, env: Record<string, string> = {}) {
  const outcome = parseConfig(configSpec, [url, ...argv], {});
  if (!('run' in outcome)) throw new Error(outcome.stderr);
  return createServer(outcome.run, undefined, { env });
}

/** A real SDK client on a fresh server; the server (and its pool) closes when the test ends. */
export async function pgClient(
  argv: string[] = [],
  options: { url?: string; era?: Era; env?: Record<string, string> } = {},
): Promise<TestClient> {
  const server = pgServer(argv, options.url, options.env);
  const client = await connect(server, { era: options.era ?? 'legacy' });
  onTestFinished(async () => {
    await client.close();
    await server.close();
  });
  return client;
}

/** Runs SQL as the admin (superuser) outside the server, to set up or inspect the world. */
export async function admin<T extends pg.QueryResultRow = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: urls().admin });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

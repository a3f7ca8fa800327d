import type { ReadOnlyClient } from './database.js';

/** Runs one parameterised statement and returns its rows (e.g. a wrapper around pg's Client.query). */
export type CatalogQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** Our own catalog SQL, bound with params, on the call's read-only connection. */
export const catalogQuery =
  (client: ReadOnlyClient): CatalogQuery =>
  async (sql, params) =>
    (await client.query(sql, params as unknown[])).rows as Record<string, unknown>[];

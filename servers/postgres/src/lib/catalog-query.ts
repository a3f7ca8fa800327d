import type { CatalogQuery } from './catalog.js';
import type { ReadOnlyClient } from './database.js';

/** Our own catalog SQL, bound with params, on the call's read-only connection. */
export const catalogQuery =
  (client: ReadOnlyClient): CatalogQuery =>
  async (sql, params) =>
    (await client.query(sql, params as unknown[])).rows as Record<string, unknown>[];

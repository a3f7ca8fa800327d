import type { FieldDef } from 'pg';
import type { ReadOnlyClient } from './database.js';
import { BUILTIN_TYPE_NAMES } from './pg-types.js';

export interface Column {
  name: string;
  type: string;
}

export interface Rows {
  columns: Column[];
  rows: unknown[][];
  row_count: number;
  truncated: boolean;
  truncated_by?: 'max_rows' | 'max_bytes';
}

export interface RowLimits {
  maxRows: number;
  /** Stop once the JSON of the rows read so far passes this many characters. */
  maxBytes: number;
}

/**
 * Runs one statement through a portal (the extended protocol: one statement, never a script) and
 * reads it in batches, so memory stays flat however many rows the statement would produce.
 */
export async function readRows(
  client: ReadOnlyClient,
  sql: string,
  params: readonly unknown[],
  limits: RowLimits,
): Promise<Rows> {
  const rows: unknown[][] = [];
  let bytes = 0;
  let truncatedBy: Rows['truncated_by'];
  // Small first batches: a row's size is unknown until one arrives.
  let size = Math.min(limits.maxRows + 1, 10);
  const wire = limits.maxBytes * 2 + 65_536;
  let batch = await client.open(sql, params, size, wire);
  const fields = batch.fields;
  for (;;) {
    for (const row of batch.rows) {
      if (rows.length === limits.maxRows) {
        truncatedBy = 'max_rows';
        break;
      }
      bytes += JSON.stringify(row).length + 1;
      if (bytes > limits.maxBytes) {
        truncatedBy = 'max_bytes';
        break;
      }
      rows.push(row);
    }
    if (!truncatedBy && batch.overflow) truncatedBy = 'max_bytes';
    if (truncatedBy || !batch.more) break;
    // Grow batches while rows are small; with wide rows, ask for about what the byte cap still allows.
    const fit = Math.floor((limits.maxBytes - bytes) / Math.max(bytes / rows.length, 1)) + 1;
    size = Math.max(1, Math.min(size * 4, 1000, limits.maxRows + 1 - rows.length, fit));
    batch = await client.fetch(size, fields, wire);
  }
  return {
    // After an overflow the connection is gone: types not known by heart are shown by OID.
    columns: batch.overflow ? fields.map(knownColumn) : await columnsOf(client, fields),
    rows,
    row_count: rows.length,
    truncated: truncatedBy !== undefined,
    ...(truncatedBy ? { truncated_by: truncatedBy } : {}),
  };
}

const typeNames = new Map(BUILTIN_TYPE_NAMES);

/** Column names and SQL type names; types not known by heart are looked up once per process. */
async function columnsOf(client: ReadOnlyClient, fields: FieldDef[]): Promise<Column[]> {
  const unknown = [...new Set(fields.map((f) => f.dataTypeID).filter((oid) => !typeNames.has(oid)))];
  if (unknown.length) {
    const { rows } = await client.query<{ oid: number; name: string }>(
      'SELECT oid::int AS oid, format_type(oid, NULL) AS name FROM pg_catalog.pg_type WHERE oid = ANY($1::oid[])',
      [unknown],
    );
    for (const r of rows) typeNames.set(r.oid, r.name);
  }
  return fields.map(knownColumn);
}

function knownColumn(f: FieldDef): Column {
  return { name: f.name, type: typeNames.get(f.dataTypeID) ?? `oid ${f.dataTypeID}` };
}

import type { FieldDef } from 'pg';
import type Cursor from 'pg-cursor';
import type { ReadOnlyClient } from './database.js';
import { BUILTIN_TYPE_NAMES, typeParsers } from './pg-types.js';

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

let cursorClass: Promise<typeof Cursor> | undefined;
let types: ReturnType<typeof typeParsers> | undefined;

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
  cursorClass ??= import('pg-cursor').then((m) => m.default);
  const CursorClass = await cursorClass;
  types ??= typeParsers((await import('pg')).default.types);
  const cursor = client.query(new CursorClass(sql, [...params], { rowMode: 'array', types }));
  const rows: unknown[][] = [];
  let fields: FieldDef[] = [];
  let bytes = 0;
  let truncatedBy: Rows['truncated_by'];
  try {
    let batch = Math.min(limits.maxRows + 1, 100);
    while (!truncatedBy) {
      const [got, result] = await new Promise<[unknown[][], { fields?: FieldDef[] }]>((resolve, reject) =>
        cursor.read(batch, (error: Error | undefined, r: unknown[], res: { fields?: FieldDef[] }) =>
          error ? reject(error) : resolve([r as unknown[][], res]),
        ),
      );
      if (result?.fields?.length) fields = result.fields;
      for (const row of got) {
        if (rows.length === limits.maxRows) {
          truncatedBy = 'max_rows';
          break;
        }
        bytes += JSON.stringify(row).length + 1;
        if (bytes > limits.maxBytes && rows.length > 0) {
          truncatedBy = 'max_bytes';
          break;
        }
        rows.push(row);
      }
      if (got.length < batch) break;
      batch = Math.min(batch * 4, 1000, limits.maxRows + 1 - rows.length);
    }
  } finally {
    await new Promise<void>((resolve) => cursor.close(() => resolve()));
  }
  const columns = await columnsOf(client, fields);
  return {
    columns,
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
  return fields.map((f) => ({ name: f.name, type: typeNames.get(f.dataTypeID) ?? `oid ${f.dataTypeID}` }));
}

// Catalog queries behind list_schemas, list_tables, describe_table and the table resources. Everything reads
// pg_catalog only, so it works for an unprivileged role inside a READ ONLY transaction; every value reaches
// SQL as a $n parameter. describeTable and the pieces both files use live in catalog-describe.ts (which
// imports nothing from here, so there is no import cycle); this module re-exports them.
import { z } from '@bastion-mcp/runtime';
import {
  allowedParam,
  fromJson,
  KIND_SQL,
  RELKINDS_SQL,
  type RelationKind,
  ROWS_SQL,
  relationFacts,
  SIZE_SQL,
  type TableRef,
  tableRef,
  toNumber,
} from './catalog-describe.js';
import type { CatalogQuery } from './catalog-query.js';

export {
  describeTable,
  type RelationKind,
  relationKind,
  type TableDescription,
  type TableRef,
  tableDescription,
  tableRef,
} from './catalog-describe.js';

export type { CatalogQuery } from './catalog-query.js';

/** Schemas that are not PostgreSQL's own (pg_catalog, information_schema, pg_toast, temp schemas). */
const USER_SCHEMA_SQL = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname !~ '^pg_(toast_)?temp_'`;

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

// ---- list_schemas ----

export const schemaInfo = z.object({
  name: z.string().describe('Schema name'),
  owner: z.string().describe('Role that owns the schema'),
  comment: z.string().nullable().describe('COMMENT ON SCHEMA text, or null'),
  table_count: z
    .number()
    .int()
    .describe('Tables, views, materialized views, partitioned and foreign tables in the schema'),
});
export type SchemaInfo = z.infer<typeof schemaInfo>;

/** Non-system schemas the role has USAGE on (limited to `allowed` when non-empty), by name. */
export async function listSchemas(q: CatalogQuery, allowed?: readonly string[]): Promise<SchemaInfo[]> {
  const rows = await q(
    `SELECT n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner,
       obj_description(n.oid, 'pg_namespace') AS comment,
       (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND ${RELKINDS_SQL})::int AS table_count
     FROM pg_namespace n
     WHERE ${USER_SCHEMA_SQL} AND has_schema_privilege(n.oid, 'USAGE')
       AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
     ORDER BY n.nspname`,
    [allowedParam(allowed)],
  );
  return rows.map((r) => ({
    name: String(r.name),
    owner: String(r.owner),
    comment: text(r.comment),
    table_count: toNumber(r.table_count) ?? 0,
  }));
}

// ---- list_tables ----

export const tableInfo = z.object({
  ...relationFacts,
  readable: z
    .boolean()
    .describe('Whether this role may SELECT from the whole table (false: listed, but SELECT * is refused)'),
  partition_of: tableRef.nullable().describe('For a partition, its parent table; otherwise null'),
});
export type TableInfo = z.infer<typeof tableInfo>;

/**
 * Tables, views, materialized views, partitioned and foreign tables in non-system schemas the role
 * has USAGE on, by schema then name. `schema` limits to one schema; `allowed` (non-empty) to a list.
 */
export async function listTables(
  q: CatalogQuery,
  opts: { schema?: string; allowed?: readonly string[] },
): Promise<TableInfo[]> {
  const rows = await q(
    `SELECT n.nspname AS schema, c.relname AS name, ${KIND_SQL} AS kind,
       ${ROWS_SQL} AS estimated_rows, ${SIZE_SQL} AS size_bytes,
       obj_description(c.oid, 'pg_class') AS comment,
       has_table_privilege(c.oid, 'SELECT') AS readable,
       (SELECT json_build_object('schema', pn.nspname, 'table', p.relname)
         FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
         WHERE c.relispartition AND i.inhrelid = c.oid) AS partition_of
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${RELKINDS_SQL} AND ${USER_SCHEMA_SQL} AND has_schema_privilege(n.oid, 'USAGE')
       AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
       AND ($2::text IS NULL OR n.nspname = $2::text)
     ORDER BY n.nspname, c.relname`,
    [allowedParam(opts.allowed), opts.schema ?? null],
  );
  return rows.map((r) => ({
    schema: String(r.schema),
    name: String(r.name),
    kind: r.kind as RelationKind,
    estimated_rows: toNumber(r.estimated_rows),
    size_bytes: toNumber(r.size_bytes),
    comment: text(r.comment),
    readable: r.readable === true,
    partition_of: fromJson<TableRef | null>(r.partition_of, null),
  }));
}

// ---- resources ----

/** Every table, view and materialized view (any kind above) of every non-system schema, for resources. */
export async function tableResources(
  q: CatalogQuery,
  allowed?: readonly string[],
): Promise<{ schema: string; table: string }[]> {
  const rows = await q(
    `SELECT n.nspname AS schema, c.relname AS table
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${RELKINDS_SQL} AND ${USER_SCHEMA_SQL} AND has_schema_privilege(n.oid, 'USAGE')
       AND (cardinality($1::text[]) = 0 OR n.nspname = ANY ($1::text[]))
     ORDER BY n.nspname, c.relname`,
    [allowedParam(allowed)],
  );
  return rows.map((r) => ({ schema: String(r.schema), table: String(r.table) }));
}

/**
 * Columns of one relation in the reference server's resource shape, with data_type spelled exactly as
 * information_schema.columns spells it ('integer', 'character varying', 'ARRAY', 'USER-DEFINED', ...).
 * Unlike the reference (which matches table_name in every schema), only the named schema is read; read from
 * pg_catalog so materialized views (absent from information_schema) and tables without privileges work too.
 * [] when there is no such relation in a schema the role has USAGE on.
 */
export async function resourceColumns(
  q: CatalogQuery,
  schema: string,
  table: string,
): Promise<{ column_name: string; data_type: string }[]> {
  const rows = await q(
    `SELECT a.attname AS column_name,
       CASE WHEN t.typtype = 'd' THEN
         CASE WHEN bt.typelem <> 0 AND bt.typlen = -1 THEN 'ARRAY'
           WHEN bt.typnamespace = 'pg_catalog'::regnamespace THEN format_type(t.typbasetype, NULL)
           ELSE 'USER-DEFINED' END
       ELSE
         CASE WHEN t.typelem <> 0 AND t.typlen = -1 THEN 'ARRAY'
           WHEN t.typnamespace = 'pg_catalog'::regnamespace THEN format_type(a.atttypid, NULL)
           ELSE 'USER-DEFINED' END
       END AS data_type
     FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
     WHERE n.nspname = $1 AND c.relname = $2 AND ${RELKINDS_SQL} AND has_schema_privilege(n.oid, 'USAGE')
     ORDER BY a.attnum`,
    [schema, table],
  );
  return rows.map((r) => ({ column_name: String(r.column_name), data_type: String(r.data_type) }));
}

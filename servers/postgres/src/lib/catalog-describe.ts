// describe_table's catalog query (one round trip, nested parts built with json_agg), plus the schemas and
// SQL fragments catalog.ts shares, kept here so neither module imports the other. pg_catalog
// reads only (fine for an unprivileged role in a READ ONLY transaction); every value is a $n parameter.
import { z } from '@bastion-mcp/runtime';
import type { CatalogQuery } from './catalog-query.js';

/** Relation kinds this module lists, by pg_class.relkind. */
export const relationKind = z
  .enum(['table', 'view', 'materialized_view', 'partitioned_table', 'foreign_table'])
  .describe('Relation kind: table, view, materialized_view, partitioned_table or foreign_table');
export type RelationKind = z.infer<typeof relationKind>;

// ---- SQL fragments shared with catalog.ts (aliases: c = pg_class, n = pg_namespace) ----

/** relkinds for tables, views, matviews, partitioned and foreign tables. */
export const RELKINDS_SQL = `c.relkind IN ('r', 'v', 'm', 'p', 'f')`;

/** pg_class.relkind as a RelationKind. */
export const KIND_SQL = `CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view'
  WHEN 'm' THEN 'materialized_view' WHEN 'p' THEN 'partitioned_table' ELSE 'foreign_table' END`;

/**
 * Planner row estimate: null for views and never-analyzed relations (reltuples = -1 on PG 14+);
 * for a partitioned table, the sum over its analyzed leaf partitions.
 */
export const ROWS_SQL = `CASE
  WHEN c.relkind = 'p' THEN (SELECT round(sum(pc.reltuples) FILTER (WHERE pc.reltuples >= 0))::float8
    FROM pg_partition_tree(c.oid) pt JOIN pg_class pc ON pc.oid = pt.relid WHERE pt.isleaf)
  WHEN c.relkind IN ('r', 'm', 'f') AND c.reltuples >= 0 THEN round(c.reltuples)::float8 END`;

/** Bytes on disk including indexes and TOAST; for a partitioned table, the sum over its partitions. */
export const SIZE_SQL = `CASE
  WHEN c.relkind IN ('r', 'm') THEN pg_total_relation_size(c.oid)
  WHEN c.relkind = 'p' THEN (SELECT sum(pg_total_relation_size(pt.relid))::bigint FROM pg_partition_tree(c.oid) pt)
  END`;

/** `allowed` as a text[] parameter value: an empty array means every schema. */
export function allowedParam(allowed?: readonly string[]): string[] {
  return allowed ? [...allowed] : [];
}

/** bigint / numeric values arrive from pg as strings; JSON wants numbers. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** json columns arrive parsed from pg; accept text too, for drivers that leave json alone. */
export function fromJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A relation named by schema and name. */
export const tableRef = z.object({
  schema: z.string().describe('Schema name'),
  table: z.string().describe('Table or view name'),
});
export type TableRef = z.infer<typeof tableRef>;

const columnList = z.array(z.string());

const fkAction = z
  .enum(['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT'])
  .describe('Referential action');

/** What list_tables and describe_table both say about a relation. */
export const relationFacts = {
  schema: z.string().describe('Schema name'),
  name: z.string().describe('Table or view name'),
  kind: relationKind,
  comment: z.string().nullable().describe('COMMENT ON TABLE/VIEW text, or null'),
  estimated_rows: z
    .number()
    .nullable()
    .describe('Planner row estimate from the last ANALYZE; null for views and never-analyzed tables'),
  size_bytes: z
    .number()
    .nullable()
    .describe('Total size on disk including indexes and TOAST; null for views and foreign tables'),
};

export const tableDescription = z.object({
  ...relationFacts,
  readable: z
    .boolean()
    .describe('Whether this role holds SELECT on the whole table (column grants: see columns[].readable)'),
  definition: z
    .string()
    .nullable()
    .describe('For a view or materialized view, its SELECT (pg_get_viewdef); otherwise null'),
  partition_key: z
    .string()
    .nullable()
    .describe('For a partitioned table, its key, e.g. "RANGE (created_at)"; otherwise null'),
  partition_of: z
    .object({ ...tableRef.shape, bound: z.string().describe('Partition bound, e.g. "FOR VALUES IN (1)"') })
    .nullable()
    .describe('For a partition, its parent and bound; otherwise null'),
  columns: z
    .array(
      z.object({
        name: z.string().describe('Column name'),
        position: z.number().int().describe('attnum: 1-based position (gaps where columns were dropped)'),
        type: z.string().describe('Type as SQL spells it (format_type), e.g. "character varying(20)"'),
        nullable: z.boolean().describe('False under NOT NULL (on the column or its domain)'),
        default: z.string().nullable().describe('Default expression, or null'),
        identity: z
          .enum(['always', 'by_default'])
          .nullable()
          .describe('GENERATED ALWAYS / BY DEFAULT AS IDENTITY, or null'),
        generated: z
          .object({
            kind: z.enum(['stored', 'virtual']).describe('STORED or VIRTUAL (PostgreSQL 18+)'),
            expression: z.string().describe('Generation expression'),
          })
          .nullable()
          .describe('For a GENERATED ALWAYS AS (...) column, its kind and expression; otherwise null'),
        comment: z.string().nullable().describe('COMMENT ON COLUMN text, or null'),
        readable: z.boolean().describe('Whether this role may SELECT this column'),
      }),
    )
    .describe('Columns in table order'),
  primary_key: z
    .object({
      name: z.string().describe('Constraint name'),
      columns: columnList.describe('Key columns in key order'),
    })
    .nullable()
    .describe('Primary key, or null'),
  foreign_keys: z
    .array(
      z.object({
        name: z.string().describe('Constraint name'),
        columns: columnList.describe('Referencing columns of this table, in key order'),
        references: z
          .object({ ...tableRef.shape, columns: columnList.describe('Referenced columns, matching order') })
          .describe('Referenced table and columns'),
        on_update: fkAction.describe('ON UPDATE action'),
        on_delete: fkAction.describe('ON DELETE action'),
      }),
    )
    .describe('Outgoing foreign keys, by name'),
  referenced_by: z
    .array(
      z.object({
        name: z.string().describe('Constraint name'),
        from: z
          .object({ ...tableRef.shape, columns: columnList.describe('Referencing columns, in key order') })
          .describe('Referencing table and columns'),
        columns: columnList.describe('Referenced columns of this table, matching order'),
      }),
    )
    .describe('Foreign keys of other tables pointing at this one (self-references are in foreign_keys)'),
  indexes: z
    .array(
      z.object({
        name: z.string().describe('Index name'),
        definition: z.string().describe('CREATE INDEX statement (pg_get_indexdef)'),
        unique: z.boolean().describe('Unique index'),
        primary: z.boolean().describe('Backs the primary key'),
        valid: z.boolean().describe('False when a build failed or is still in progress: not used by queries'),
      }),
    )
    .describe('Indexes, by name'),
  check_constraints: z
    .array(
      z.object({
        name: z.string().describe('Constraint name'),
        definition: z.string().describe('e.g. "CHECK (price > 0)"'),
      }),
    )
    .describe('CHECK constraints, by name'),
  unique_constraints: z
    .array(
      z.object({
        name: z.string().describe('Constraint name'),
        columns: columnList.describe('Columns in constraint order'),
      }),
    )
    .describe('UNIQUE constraints, by name (unique indexes without a constraint are in indexes)'),
});
export type TableDescription = z.infer<typeof tableDescription>;

/** Column names of relation `rel` for the attnum array `keys`, in array order. */
const names = (rel: string, keys: string) =>
  `(SELECT json_agg(ka.attname ORDER BY kk.ord) FROM unnest(${keys}) WITH ORDINALITY kk(num, ord)
     JOIN pg_attribute ka ON ka.attrelid = ${rel} AND ka.attnum = kk.num)`;

const action = (col: string) =>
  `CASE ${col} WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL'
     WHEN 'd' THEN 'SET DEFAULT' ELSE 'NO ACTION' END`;

/** A json array aggregate of `obj` over `from`, [] when empty. */
const list = (obj: string, from: string, order: string) =>
  `(SELECT coalesce(json_agg(json_build_object(${obj}) ORDER BY ${order}), '[]') FROM ${from})`;

// Constraint clones made for partitions (conparentid <> 0) repeat their parent's row: an outgoing one is
// kept only when inherited from the parent table, an incoming one only when inherited by a partition of it.
const DESCRIBE_SQL = `
SELECT n.nspname AS schema, c.relname AS name, ${KIND_SQL} AS kind,
  obj_description(c.oid, 'pg_class') AS comment,
  ${ROWS_SQL} AS estimated_rows, ${SIZE_SQL} AS size_bytes,
  has_table_privilege(c.oid, 'SELECT') AS readable,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition,
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
  (SELECT json_build_object('schema', pn.nspname, 'table', p.relname, 'bound', pg_get_expr(c.relpartbound, c.oid))
    FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
    WHERE c.relispartition AND i.inhrelid = c.oid) AS partition_of,
  ${list(
    `'name', a.attname, 'position', a.attnum, 'type', format_type(a.atttypid, a.atttypmod),
    'nullable', NOT (a.attnotnull OR (t.typtype = 'd' AND t.typnotnull)),
    'default', CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,
    'identity', CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by_default' END,
    'generated', CASE WHEN a.attgenerated <> '' THEN json_build_object(
      'kind', CASE a.attgenerated WHEN 'v' THEN 'virtual' ELSE 'stored' END,
      'expression', pg_get_expr(d.adbin, d.adrelid)) END,
    'comment', col_description(c.oid, a.attnum),
    'readable', has_column_privilege(c.oid, a.attnum, 'SELECT')`,
    `pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped`,
    'a.attnum',
  )} AS columns,
  (SELECT json_build_object('name', con.conname, 'columns', ${names('con.conrelid', 'con.conkey')})
    FROM pg_constraint con WHERE con.conrelid = c.oid AND con.contype = 'p') AS primary_key,
  ${list(
    `'name', con.conname, 'columns', ${names('con.conrelid', 'con.conkey')},
    'references', json_build_object('schema', fn.nspname, 'table', fc.relname,
      'columns', ${names('con.confrelid', 'con.confkey')}),
    'on_update', ${action('con.confupdtype')}, 'on_delete', ${action('con.confdeltype')}`,
    `pg_constraint con JOIN pg_class fc ON fc.oid = con.confrelid JOIN pg_namespace fn ON fn.oid = fc.relnamespace
      WHERE con.conrelid = c.oid AND con.contype = 'f' AND NOT EXISTS (SELECT 1 FROM pg_constraint pc
        WHERE pc.oid = con.conparentid AND pc.conrelid = con.conrelid)`,
    'con.conname',
  )} AS foreign_keys,
  ${list(
    `'name', con.conname, 'from', json_build_object('schema', rn.nspname, 'table', rc.relname,
      'columns', ${names('con.conrelid', 'con.conkey')}),
    'columns', ${names('con.confrelid', 'con.confkey')}`,
    `pg_constraint con JOIN pg_class rc ON rc.oid = con.conrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE con.confrelid = c.oid AND con.contype = 'f' AND con.conrelid <> c.oid
        AND has_schema_privilege(rn.oid, 'USAGE') AND (cardinality($3::text[]) = 0 OR rn.nspname = ANY ($3::text[]))
        AND NOT EXISTS (SELECT 1 FROM pg_constraint pc
          WHERE pc.oid = con.conparentid AND pc.confrelid = con.confrelid)`,
    'rn.nspname, rc.relname, con.conname',
  )} AS referenced_by,
  ${list(
    `'name', ic.relname, 'definition', pg_get_indexdef(i.indexrelid), 'unique', i.indisunique,
    'primary', i.indisprimary, 'valid', i.indisvalid`,
    'pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid',
    'ic.relname',
  )} AS indexes,
  ${list(
    `'name', con.conname, 'definition', pg_get_constraintdef(con.oid, true)`,
    `pg_constraint con WHERE con.conrelid = c.oid AND con.contype = 'c'`,
    'con.conname',
  )} AS check_constraints,
  ${list(
    `'name', con.conname, 'columns', ${names('con.conrelid', 'con.conkey')}`,
    `pg_constraint con WHERE con.conrelid = c.oid AND con.contype = 'u'`,
    'con.conname',
  )} AS unique_constraints
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2 AND ${RELKINDS_SQL} AND has_schema_privilege(n.oid, 'USAGE')
  AND (cardinality($3::text[]) = 0 OR n.nspname = ANY ($3::text[]))`;

/**
 * One table, view, materialized view, partitioned or foreign table, in one round trip; undefined when
 * there is none of that name in a schema the role has USAGE on (or `schema` is outside a non-empty
 * `allowed`, which also limits referenced_by). System schemas are not excluded here.
 */
export async function describeTable(
  q: CatalogQuery,
  schema: string,
  table: string,
  allowed?: readonly string[],
): Promise<TableDescription | undefined> {
  const [r] = await q(DESCRIBE_SQL, [schema, table, allowedParam(allowed)]);
  if (!r) return undefined;
  type D = TableDescription;
  return {
    schema: String(r.schema),
    name: String(r.name),
    kind: r.kind as RelationKind,
    comment: (r.comment as string | null) ?? null,
    estimated_rows: toNumber(r.estimated_rows),
    size_bytes: toNumber(r.size_bytes),
    readable: r.readable === true,
    definition: (r.definition as string | null) ?? null,
    partition_key: (r.partition_key as string | null) ?? null,
    partition_of: fromJson<D['partition_of']>(r.partition_of, null),
    columns: fromJson<D['columns']>(r.columns, []),
    primary_key: fromJson<D['primary_key']>(r.primary_key, null),
    foreign_keys: fromJson<D['foreign_keys']>(r.foreign_keys, []),
    referenced_by: fromJson<D['referenced_by']>(r.referenced_by, []),
    indexes: fromJson<D['indexes']>(r.indexes, []),
    check_constraints: fromJson<D['check_constraints']>(r.check_constraints, []),
    unique_constraints: fromJson<D['unique_constraints']>(r.unique_constraints, []),
  };
}

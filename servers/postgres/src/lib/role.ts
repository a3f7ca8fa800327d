import type { Database, ReadOnlyClient } from './database.js';

/** What the startup check learned about the server's database role (layer 6). */
export interface RoleReport {
  role: string;
  /** Why the role could write, if it can (empty for a read-only role). */
  risks: string[];
}

// One query: superuser and role attributes, write-capable memberships, and any INSERT, UPDATE,
// DELETE or TRUNCATE privilege, CREATE on a schema or the database, or a usable sequence.
const ROLE_SQL = `
WITH user_tables AS (
  SELECT c.oid, format('%I.%I', n.nspname, c.relname) AS name
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
     AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
)
SELECT r.rolname AS role, r.rolsuper AS superuser, r.rolcreaterole AS createrole, r.rolcreatedb AS createdb,
       r.rolbypassrls AS bypassrls, r.rolreplication AS replication,
       ARRAY(SELECT g.rolname FROM pg_catalog.pg_roles g
              WHERE g.rolname IN ('pg_write_all_data', 'pg_write_server_files', 'pg_execute_server_program',
                                  'pg_read_server_files', 'pg_signal_backend')
                AND pg_catalog.pg_has_role(current_user, g.oid, 'USAGE')) AS memberships,
       ARRAY(SELECT t.name FROM user_tables t
              WHERE pg_catalog.has_table_privilege(t.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
                 OR pg_catalog.has_any_column_privilege(t.oid, 'INSERT, UPDATE')
              ORDER BY 1 LIMIT 6) AS writable_tables,
       ARRAY(SELECT quote_ident(n.nspname) FROM pg_catalog.pg_namespace n
              WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                AND pg_catalog.has_schema_privilege(n.oid, 'CREATE')
              ORDER BY 1 LIMIT 6) AS creatable_schemas,
       pg_catalog.has_database_privilege(current_database(), 'CREATE') AS create_in_database,
       EXISTS (SELECT 1 FROM pg_catalog.pg_sequence s
                WHERE pg_catalog.has_sequence_privilege(s.seqrelid, 'UPDATE')) AS sequences
  FROM pg_catalog.pg_roles r WHERE r.rolname = current_user`;

interface RoleRow {
  role: string;
  superuser: boolean;
  createrole: boolean;
  createdb: boolean;
  bypassrls: boolean;
  replication: boolean;
  memberships: string[];
  writable_tables: string[];
  creatable_schemas: string[];
  create_in_database: boolean;
  sequences: boolean;
}

/**
 * The startup check, with pg_catalog alone on the search_path: a role whose own search_path puts a
 * schema with planted operators ahead of pg_catalog cannot hide what it may write.
 */
export function checkRole(db: Database, timeoutMs: number): Promise<RoleReport> {
  return db.readOnly(inspectRole, { timeoutMs, searchPath: [] });
}

export async function inspectRole(client: ReadOnlyClient): Promise<RoleReport> {
  const { rows } = await client.query<RoleRow>(ROLE_SQL);
  const r = rows[0];
  if (!r) return { role: 'unknown', risks: ['the role could not be found in pg_roles'] };
  const risks: string[] = [];
  if (r.superuser) risks.push('it is a superuser (it can read server files and bypass every privilege)');
  if (r.createrole) risks.push('it has CREATEROLE');
  if (r.createdb) risks.push('it has CREATEDB');
  if (r.bypassrls) risks.push('it bypasses row-level security');
  if (r.replication) risks.push('it has REPLICATION');
  if (r.memberships.length) risks.push(`it is a member of ${r.memberships.join(', ')}`);
  if (r.writable_tables.length) {
    const more = r.writable_tables.length > 5 ? ', ...' : '';
    risks.push(`it can write to tables (${r.writable_tables.slice(0, 5).join(', ')}${more})`);
  }
  if (r.creatable_schemas.length)
    risks.push(`it can create objects in schema ${r.creatable_schemas.slice(0, 5).join(', ')}`);
  if (r.create_in_database) risks.push('it can create schemas in the database');
  if (r.sequences) risks.push('it can advance sequences');
  return { role: r.role, risks };
}

export function roleWarning(report: RoleReport): string {
  return `WARNING: database role "${report.role}" is not read-only: ${report.risks.join('; ')}. This server still refuses every write (parser check, read-only transaction, rollback), but connect it with a role that has only SELECT privileges.`;
}

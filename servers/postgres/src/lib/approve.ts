import { accessDenied, invalidInput } from '@bastion-mcp/runtime';
import type { SqlClassification } from './classify-sql.js';
import type { ReadOnlyClient } from './database.js';

export type Approved = Extract<SqlClassification, { ok: true }>;

const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema']);

/**
 * Layer 2: the parser approves the statement, the $n placeholders match params, and qualified
 * relations stay inside the --schemas allow list. Nothing has been sent to the database yet.
 */
export async function approveSql(
  sql: string,
  field: string,
  params: readonly unknown[],
  schemas: readonly string[],
): Promise<Approved> {
  // Loaded on first use: the parser's glue code and 1.7 MB WASM binary wait until SQL arrives.
  const { classifySql, loadParser } = await import('./classify-sql.js');
  await loadParser();
  const verdict = classifySql(sql);
  if (!verdict.ok) throw accessDenied(`${field}: ${verdict.reason}.`, verdict.fix);
  if (verdict.params !== params.length) {
    const uses = verdict.params ? `uses $1..$${verdict.params}` : 'has no $n placeholders';
    throw invalidInput(
      `params: the SQL ${uses} but params has ${params.length} value${params.length === 1 ? '' : 's'}.`,
      'Pass exactly one params entry per placeholder, in order ($1 is params[0]).',
    );
  }
  if (schemas.length) {
    const outside = verdict.relations.find(
      ([schema]) => !schemas.includes(schema) && !SYSTEM_SCHEMAS.has(schema),
    );
    if (outside) {
      throw accessDenied(
        `${field}: schema "${outside[0]}" is outside the schemas this server exposes (${schemas.join(', ')}).`,
        'Query tables in the allowed schemas; list_schemas shows them.',
      );
    }
  }
  return verdict;
}

// Operators and types are spelled out as pg_catalog's: a role's search_path may put a schema with a
// planted `=` ahead of pg_catalog, which would otherwise blind this check.
const EQ = 'OPERATOR(pg_catalog.=)';
const TEXT_ARRAY = 'pg_catalog.text[]';
const SCHEMA_OF = (oid: string) => `${oid}::pg_catalog.regnamespace::pg_catalog.text AS schema`;

// Any function of a name, in any schema, that is VOLATILE.
const volatileFunctions = (
  param: number,
) => `SELECT 'function' AS kind, p.proname AS name, ${SCHEMA_OF('p.pronamespace')}
  FROM pg_catalog.pg_proc p
 WHERE p.proname ${EQ} ANY ($${param}::${TEXT_ARRAY}) AND p.provolatile ${EQ} 'v'`;
// Any operator of a name backed by a VOLATILE function. pg_catalog (OID 11, fixed) is skipped: none of its
// operators is VOLATILE and only a superuser can add one there; skipping it keeps `=` and friends cheap.
const volatileOperators = (
  param: number,
) => `SELECT 'operator' AS kind, o.oprname AS name, ${SCHEMA_OF('o.oprnamespace')}
  FROM pg_catalog.pg_operator o
 WHERE o.oprname ${EQ} ANY ($${param}::${TEXT_ARRAY}) AND o.oprnamespace OPERATOR(pg_catalog.<>) 11
   AND EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.oid ${EQ} o.oprcode AND p.provolatile ${EQ} 'v')`;

/**
 * The pg_proc half of layer 2: every function name the parser could not vouch for, and every operator
 * written in the SQL, must be IMMUTABLE or STABLE in every schema that defines it (a VOLATILE function
 * can write or change the session). Names with no pg_proc row are ordinary columns. One catalog query
 * inside the call's read-only transaction, holding only the parts the SQL needs.
 */
export async function checkVolatility(client: ReadOnlyClient, approved: Approved): Promise<void> {
  const names = [...new Set(approved.functions.map((n) => n.split('.').at(-1) ?? n))];
  const parts: string[] = [];
  const params: string[][] = [];
  for (const [list, sql] of [
    [names, volatileFunctions],
    [approved.operators, volatileOperators],
  ] as const) {
    if (list.length === 0) continue;
    params.push(list);
    parts.push(sql(params.length));
  }
  if (parts.length === 0) return;
  const { rows } = await client.query<{ kind: 'function' | 'operator'; name: string; schema: string }>(
    `${parts.join('\nUNION ALL\n')}\nLIMIT 1`,
    params,
  );
  const hit = rows[0];
  if (hit?.kind === 'function') {
    throw accessDenied(
      `function ${hit.schema}.${hit.name} is VOLATILE (it may write or change session state); only IMMUTABLE and STABLE functions may run here.`,
      'Remove the call; if it only reads, its owner can declare it STABLE.',
    );
  }
  if (hit) {
    throw accessDenied(
      `operator ${hit.schema}.${hit.name} runs a VOLATILE function (it may write or change session state); only operators backed by IMMUTABLE or STABLE functions may run here.`,
      'Remove the operator; if its function only reads, its owner can declare that function STABLE.',
    );
  }
}

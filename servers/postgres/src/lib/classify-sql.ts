// Layer 2 of the read-only model (issue 4): the real PostgreSQL parser approves a statement before it is sent.
//
// CONTRACT FOR THE CALLER. An `ok: true` result is necessary, not sufficient:
// - every name in `functions` is a possible function call that is neither denied nor on the built-in allow list
//   (user functions, unlisted built-ins, and names in attribute position such as `t.x`, which PostgreSQL may
//   resolve as the call x(t)). Before running the statement the caller MUST check each name against pg_proc
//   and refuse unless every function with that name (and schema, when qualified) has provolatile in ('i','s').
//   A name with no pg_proc row at all (an ordinary column) passes;
// - `analyze: true` (EXPLAIN ANALYZE) executes the inner query: run it like any other call, inside
//   BEGIN READ ONLY with the statement timeout, ending in ROLLBACK (layer 3).
// - every name in `operators` is an operator written in the SQL (a op b, x op ANY (...), ORDER BY ... USING op);
//   operators are function calls too, so the caller MUST refuse any name some operator of which (in any schema)
//   is backed by a VOLATILE function.
// Not covered here, left to layers 3-4: operators the planner picks itself (ORDER BY, GROUP BY, DISTINCT,
// joins, IN lists compare with a type's default operators) and casts (TypeCast, implicit casts) can run
// user-defined functions; allow-listed names are trusted by name, so an overload a schema owner added for a
// built-in name is not seen.
// TypeCasts to regproc/regprocedure/regclass only resolve names to OIDs; SQL cannot call through an OID, so no
// bypass was found and they are allowed.
import { loadParser, ParseError, parseSql } from './pg-parser.js';
import {
  ALLOWED_FUNCTIONS,
  ALLOWED_KINDS,
  DENIED_RELATIONS,
  deniedReason,
  FIX_ONE,
  FIX_READ,
  REFUSED_STATEMENTS,
} from './sql-functions.js';

export type SqlStatementKind = 'select' | 'values' | 'table' | 'show' | 'explain';
export type SqlClassification =
  | {
      ok: true;
      statement: SqlStatementKind;
      functions: string[];
      /** Operator names written in the SQL, for the same volatility check. */
      operators: string[];
      /** The highest $n placeholder used (0 when none). */
      params: number;
      /** Schema-qualified relations named in FROM clauses, as [schema, relation]. */
      relations: [string, string][];
      analyze?: boolean;
    }
  | { ok: false; reason: string; fix: string; position?: number };

type Obj = Record<string, unknown>;

class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly fix: string,
  ) {
    super(reason);
  }
}

/** Await before classifySql (it loads the WASM parser, or a fresh one after a fatal failure). */
export { loadParser };

function refuseStatement(type: string): never {
  const known = REFUSED_STATEMENTS[type];
  if (known) throw new Refusal(known[0], known[1]);
  const label = type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
  throw new Refusal(`${label} statements are not allowed (only ${ALLOWED_KINDS} are)`, FIX_READ);
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const sval = (n: unknown): string | undefined => {
  const s = isObj(n) && isObj(n.String) ? n.String.sval : undefined;
  return typeof s === 'string' ? s : undefined;
};

/** What the walk collects besides refusals. */
interface Found {
  functions: Set<string>;
  operators: Set<string>;
  params: number;
  relations: [string, string][];
}

function checkName(parts: string[], functions: Set<string>, how: string): void {
  const name = parts.at(-1);
  if (name === undefined) return;
  const denied = deniedReason(name);
  if (denied) throw new Refusal(`${denied}${how}`, 'Remove the call; this server only reads table data.');
  const builtin = parts.length === 1 || (parts.length === 2 && parts[0] === 'pg_catalog');
  if (!(builtin && ALLOWED_FUNCTIONS.has(name))) functions.add(parts.join('.'));
}

/** The operator in A_Expr.name, SubLink.operName or SortBy.useOp: a list of String nodes, schema first. */
function addOperator(nameList: unknown, operators: Set<string>): void {
  if (!Array.isArray(nameList)) return;
  const name = sval(nameList.at(-1));
  if (name !== undefined) operators.add(name);
}

/** Walks every object and array of the tree: node shapes vary (UNION arms, RangeFunction lists are unwrapped). */
function walk(node: unknown, found: Found): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, found);
    return;
  }
  if (!isObj(node)) return;
  const { functions } = found;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'lockingClause' && Array.isArray(value) && value.length > 0) {
      throw new Refusal('FOR UPDATE / FOR SHARE (row locks) is not allowed', 'Drop the locking clause.');
    }
    if (key === 'intoClause' && value) {
      throw new Refusal('SELECT INTO (creates a table) is not allowed', 'Drop the INTO clause.');
    }
    if (key === 'CommonTableExpr' && isObj(value)) {
      const inner = isObj(value.ctequery) ? Object.keys(value.ctequery)[0] : undefined;
      if (inner !== 'SelectStmt') {
        throw new Refusal(
          `data-modifying WITH queries are not allowed (${String(inner).replace(/Stmt$/, '').toUpperCase()} in CTE "${String(value.ctename)}")`,
          'Only read-only WITH (SELECT) is allowed.',
        );
      }
    }
    if (key !== 'SelectStmt' && key.endsWith('Stmt')) refuseStatement(key);
    if (key === 'FuncCall' && isObj(value) && Array.isArray(value.funcname)) {
      const parts = value.funcname.map(sval).filter((s): s is string => s !== undefined);
      checkName(parts, functions, '');
    }
    // a.b.f and (expr).f are the call f(a.b) / f(expr): ('/etc/hostname'::text).pg_read_file reads the file.
    if (key === 'ColumnRef' && isObj(value) && Array.isArray(value.fields)) {
      for (const field of value.fields.slice(1)) {
        const name = sval(field);
        if (name !== undefined) checkName([name], functions, ' (attribute notation calls it)');
      }
    }
    if (key === 'A_Indirection' && isObj(value) && Array.isArray(value.indirection)) {
      for (const item of value.indirection) {
        const name = sval(item);
        if (name !== undefined) checkName([name], functions, ' (attribute notation calls it)');
      }
    }
    if (key === 'A_Expr' && isObj(value)) addOperator(value.name, found.operators);
    if (key === 'SubLink' && isObj(value)) addOperator(value.operName, found.operators);
    if (key === 'SortBy' && isObj(value)) addOperator(value.useOp, found.operators);
    if (key === 'ParamRef' && isObj(value) && typeof value.number === 'number')
      found.params = Math.max(found.params, value.number);
    if (key === 'RangeVar' && isObj(value)) {
      const relname = String(value.relname);
      if (DENIED_RELATIONS.has(relname))
        throw new Refusal(
          `${relname} is not allowed (it exposes server files or secrets)`,
          'Query application tables; list_tables shows them.',
        );
      if (typeof value.schemaname === 'string') found.relations.push([value.schemaname, relname]);
    }
    walk(value, found);
  }
}

function selectKind(s: Obj): SqlStatementKind {
  if (Array.isArray(s.valuesLists) && s.valuesLists.length > 0 && !s.targetList) return 'values';
  // TABLE t parses as SELECT * FROM t whose star has no source location.
  const target = Array.isArray(s.targetList) && s.targetList.length === 1 ? s.targetList[0] : undefined;
  const ref = isObj(target) && isObj(target.ResTarget) ? target.ResTarget.val : undefined;
  if (isObj(ref) && isObj(ref.ColumnRef) && ref.ColumnRef.location === -1) return 'table';
  return 'select';
}

function analyzeOption(options: unknown): boolean {
  if (!Array.isArray(options)) return false;
  let analyze = false;
  for (const o of options) {
    const d = isObj(o) && isObj(o.DefElem) ? o.DefElem : undefined;
    if (d?.defname !== 'analyze') continue;
    const arg = isObj(d.arg) ? d.arg : undefined;
    const raw = sval(arg) ?? (isObj(arg?.Boolean) ? arg.Boolean.boolval : undefined);
    // Anything that is not clearly false counts as ANALYZE (so the inner query gets every check).
    analyze = !(raw === false || (typeof raw === 'string' && /^(false|off|no|0)$/i.test(raw)));
  }
  return analyze;
}

function classifyStatement(stmt: Obj): Extract<SqlClassification, { ok: true }> {
  const [type] = Object.keys(stmt);
  const body = type ? stmt[type] : undefined;
  if (!type || !isObj(body)) throw new Refusal('empty statement', FIX_ONE);
  const found: Found = { functions: new Set(), operators: new Set(), params: 0, relations: [] };
  const result = () => ({
    functions: [...found.functions],
    operators: [...found.operators],
    params: found.params,
    relations: found.relations,
  });
  if (type === 'SelectStmt') {
    walk(body, found);
    return { ok: true, statement: selectKind(body), ...result() };
  }
  if (type === 'VariableShowStmt') return { ok: true, statement: 'show', ...result() };
  if (type === 'ExplainStmt') {
    const query = isObj(body.query) ? body.query : {};
    const innerType = Object.keys(query)[0] ?? 'unknown';
    const analyze = analyzeOption(body.options);
    if (innerType !== 'SelectStmt') {
      const inner = REFUSED_STATEMENTS[innerType]?.[0] ?? `${innerType.replace(/Stmt$/, '')} is not allowed`;
      throw new Refusal(`EXPLAIN${analyze ? ' ANALYZE' : ''} of a refused statement: ${inner}`, FIX_READ);
    }
    walk(query.SelectStmt, found);
    return { ok: true, statement: 'explain', ...result(), analyze };
  }
  refuseStatement(type);
}

export function classifySql(sql: string): SqlClassification {
  let stmts: unknown[];
  try {
    stmts = parseSql(sql).stmts ?? [];
  } catch (err) {
    if (!(err instanceof ParseError)) {
      // The WASM parser itself failed (a stack overflow on a very deep expression); it is replaced.
      return {
        ok: false,
        reason: 'the SQL is nested too deeply for the parser',
        fix: 'Simplify the statement (fewer chained operators or nested expressions).',
      };
    }
    const pos = err.cursorPosition === undefined ? undefined : err.cursorPosition + 1;
    return {
      ok: false,
      reason: `could not parse the SQL: ${err.message}${pos ? ` (at character ${pos})` : ''}`,
      fix: 'Fix the syntax; the statement was not sent.',
      ...(pos ? { position: pos } : {}),
    };
  }
  if (stmts.length !== 1) {
    const reason =
      stmts.length === 0
        ? 'no SQL statement found (empty or only comments)'
        : `stacked statements are not allowed: found ${stmts.length} statements, expected exactly one`;
    return { ok: false, reason, fix: FIX_ONE };
  }
  const raw = stmts[0];
  try {
    return classifyStatement(isObj(raw) && isObj(raw.stmt) ? raw.stmt : {});
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, reason: err.reason, fix: err.fix };
    if (err instanceof RangeError)
      return { ok: false, reason: 'the query is nested too deeply', fix: FIX_ONE };
    throw err;
  }
}

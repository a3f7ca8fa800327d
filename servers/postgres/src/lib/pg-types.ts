import type { CustomTypesConfig } from 'pg';

type PgTypes = { getTypeParser: (oid: number, format?: 'text') => (value: string) => unknown };

// Parsed into JSON values: booleans, 2- and 4-byte integers, floats, json/jsonb, and arrays of these
// and of text. Everything else (int8, numeric, dates, intervals, bytea, ...) stays PostgreSQL's own
// text form: exact, time-zone faithful, and JSON-safe.
const PARSED = new Set([
  16, 21, 23, 26, 700, 701, 114, 3802, 1000, 1005, 1007, 1021, 1022, 199, 3807, 1009, 1015, 1003, 1028,
]);
const FLOATS = new Set([700, 701]);
// pg-types has no parser for name[]; it parses like text[].
const SAME_AS = new Map([[1003, 1009]]);

export function typeParsers(pgTypes: PgTypes): CustomTypesConfig {
  const raw = (value: string) => value;
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (format === 'binary' || !PARSED.has(oid)) return raw;
      const parse = pgTypes.getTypeParser(SAME_AS.get(oid) ?? oid, 'text');
      // NaN and Infinity have no JSON form: keep their text.
      return FLOATS.has(oid)
        ? (value: string) => {
            const n = parse(value) as number;
            return Number.isFinite(n) ? n : value;
          }
        : parse;
    }) as CustomTypesConfig['getTypeParser'],
  };
}

/** Names of common built-in types, so most results need no catalog lookup for column types. */
export const BUILTIN_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [16, 'boolean'],
  [17, 'bytea'],
  [18, '"char"'],
  [19, 'name'],
  [20, 'bigint'],
  [21, 'smallint'],
  [23, 'integer'],
  [25, 'text'],
  [26, 'oid'],
  [114, 'json'],
  [700, 'real'],
  [701, 'double precision'],
  [1042, 'character'],
  [1043, 'character varying'],
  [1082, 'date'],
  [1083, 'time without time zone'],
  [1114, 'timestamp without time zone'],
  [1184, 'timestamp with time zone'],
  [1186, 'interval'],
  [1266, 'time with time zone'],
  [1700, 'numeric'],
  [2950, 'uuid'],
  [3802, 'jsonb'],
  [1000, 'boolean[]'],
  [1005, 'smallint[]'],
  [1007, 'integer[]'],
  [1016, 'bigint[]'],
  [1009, 'text[]'],
  [1015, 'character varying[]'],
  [1021, 'real[]'],
  [1022, 'double precision[]'],
  [1231, 'numeric[]'],
  [2951, 'uuid[]'],
  [1003, 'name[]'],
  [1028, 'oid[]'],
  [3807, 'jsonb[]'],
  [199, 'json[]'],
  [2249, 'record'],
  [705, 'unknown'],
]);

// PostgreSQL's parser (libpg-query's WASM build), owned here rather than through the package's
// module-level instance: a fatal failure inside the WASM code (a stack overflow on a very deep
// expression) leaves that instance's memory corrupt, and every later parse would fail or hang. Here
// such a failure drops the instance and the next parse gets a fresh one.
import PgQueryModule, { type PgQueryWasm } from 'libpg-query/wasm/libpg-query.js';

/** A syntax error, with PostgreSQL's message and the 0-based character position. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly cursorPosition: number | undefined,
  ) {
    super(message);
  }
}

let instance: PgQueryWasm | undefined;
let loading: Promise<PgQueryWasm> | undefined;

/** Loads (or, after a fatal failure, reloads) the parser; parseSql is synchronous afterwards. */
export async function loadParser(): Promise<void> {
  loading ??= PgQueryModule().then(
    (wasm) => {
      instance = wasm;
      return wasm;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  await loading;
}

export function parseSql(sql: string): { stmts?: unknown[] } {
  const wasm = instance;
  if (!wasm) throw new Error('the SQL parser is not loaded');
  let queryPtr = 0;
  let resultPtr = 0;
  try {
    const size = wasm.lengthBytesUTF8(sql) + 1;
    queryPtr = wasm._malloc(size);
    wasm.stringToUTF8(sql, queryPtr, size);
    resultPtr = wasm._wasm_parse_query_raw(queryPtr);
    if (!resultPtr) throw new Error('the SQL parser ran out of memory');
    // struct PgQueryParseResult { char *parse_tree; char *stderr_buffer; PgQueryError *error; }
    const tree = wasm.getValue(resultPtr, 'i32');
    const error = wasm.getValue(resultPtr + 8, 'i32');
    if (error) {
      // struct PgQueryError { char *message; char *funcname; char *filename; int lineno; int cursorpos; ... }
      const message = wasm.UTF8ToString(wasm.getValue(error, 'i32')) || 'syntax error';
      const cursor = wasm.getValue(error + 16, 'i32');
      throw new ParseError(message, cursor > 0 ? cursor - 1 : undefined);
    }
    return JSON.parse(wasm.UTF8ToString(tree)) as { stmts?: unknown[] };
  } catch (error) {
    if (!(error instanceof ParseError)) {
      instance = undefined;
      loading = undefined;
    }
    throw error;
  } finally {
    if (instance === wasm) {
      if (queryPtr) wasm._free(queryPtr);
      if (resultPtr) wasm._wasm_free_parse_result(resultPtr);
    }
  }
}

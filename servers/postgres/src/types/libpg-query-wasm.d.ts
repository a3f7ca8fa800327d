// The Emscripten factory inside libpg-query: each call instantiates a fresh copy of the WASM parser.
declare module 'libpg-query/wasm/libpg-query.js' {
  export interface PgQueryWasm {
    _wasm_parse_query_raw(queryPtr: number): number;
    _wasm_free_parse_result(resultPtr: number): void;
    _malloc(size: number): number;
    _free(ptr: number): void;
    getValue(ptr: number, type: 'i32'): number;
    UTF8ToString(ptr: number): string;
    stringToUTF8(text: string, ptr: number, maxBytes: number): void;
    lengthBytesUTF8(text: string): number;
  }
  const PgQueryModule: () => Promise<PgQueryWasm>;
  export default PgQueryModule;
}

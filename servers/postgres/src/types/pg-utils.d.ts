// pg's value preparation (how it turns JS values into bind parameters), used as pg-cursor does.
declare module 'pg/lib/utils.js' {
  export function prepareValue(value: unknown): unknown;
}

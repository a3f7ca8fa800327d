import { structured, untrusted, z } from '@bastion-mcp/runtime';
import { approveSql, checkVolatility } from '../lib/approve.js';
import { columnSchema, paramsField, sqlField } from '../lib/fields.js';
import { type Rows, readRows } from '../lib/read-rows.js';
import { readOnly, tool } from '../tool.js';

export const query = tool({
  name: 'query',
  title: 'Run a read-only SQL query',
  description:
    'Run one read-only SQL statement (SELECT, VALUES, TABLE, WITH, SHOW, EXPLAIN) with optional $1..$n params. Returns columns with types and rows as arrays, capped by max_rows and size (truncated: true when cut). Writes, transaction control and session changes are refused.',
  kind: 'read',
  input: z.object({
    sql: sqlField,
    params: paramsField,
    max_rows: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('Most rows to return (default and ceiling: the server limit, 1000 unless configured)'),
  }),
  output: z.object({
    columns: z.array(columnSchema).describe('Result columns, in order'),
    rows: z.array(z.array(z.unknown())).describe('Rows as arrays, one value per column'),
    row_count: z.number().int().describe('Rows returned'),
    truncated: z.boolean().describe('True when more rows existed than were returned'),
    truncated_by: z
      .enum(['max_rows', 'max_bytes'])
      .optional()
      .describe('Which cap cut the result: the row limit or the size limit'),
  }),
  async handle(input, ctx) {
    const approved = await approveSql(input.sql, 'sql', input.params, ctx.state.schemas);
    const maxRows = Math.min(input.max_rows ?? ctx.state.maxRows, ctx.state.maxRows);
    const result = await readOnly(ctx, async (client) => {
      await checkVolatility(client, approved);
      return readRows(client, input.sql, input.params, { maxRows, maxBytes: ctx.state.maxBytes });
    });
    return structured({ ...result }, rowsText(result), {
      rest: 'structuredContent holds every returned row. Add a LIMIT, select fewer columns, or narrow WHERE.',
    });
  },
});

/** Compact text: a header, then one JSON array per row, wrapped as untrusted data. */
export function rowsText(r: Rows): string {
  const header = `${r.row_count} row${r.row_count === 1 ? '' : 's'}; columns: ${r.columns.map((c) => `${c.name} (${c.type})`).join(', ')}`;
  const body = r.rows.map((row) => JSON.stringify(row)).join('\n');
  const lines = [header];
  if (r.rows.length) lines.push(untrusted('database rows', body));
  if (r.truncated && r.row_count === 0) {
    lines.push(
      'Truncated by the size limit: the first row alone is larger than a result may be. Select fewer columns or shorten long values (left(col, 1000), octet_length(col)).',
    );
  } else if (r.truncated) {
    const why = r.truncated_by === 'max_bytes' ? 'the size limit' : `max_rows (${r.row_count})`;
    lines.push(`Truncated by ${why}: more rows exist. Add LIMIT/OFFSET, a narrower WHERE, or aggregate.`);
  }
  return lines.join('\n');
}

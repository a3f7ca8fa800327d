import { invalidInput, structured, tooLarge, z } from '@bastion-mcp/runtime';
import { approveSql, checkVolatility } from '../lib/approve.js';
import { paramsField, sqlField } from '../lib/fields.js';
import { readRows } from '../lib/read-rows.js';
import { readOnly, tool } from '../tool.js';

export const explain = tool({
  name: 'explain',
  title: 'Show a query plan',
  description:
    "Show PostgreSQL's plan for one read-only statement, as text or JSON. analyze: true runs it (inside the same read-only, time-limited, rolled-back transaction) and adds real timings and row counts.",
  kind: 'read',
  input: z.object({
    sql: sqlField.describe('The statement to plan, without EXPLAIN: SELECT, VALUES, TABLE or read-only WITH'),
    params: paramsField,
    analyze: z.boolean().default(false).describe('Run the statement and report actual times and rows'),
    format: z
      .enum(['text', 'json'])
      .default('text')
      .describe('text (compact, readable) or json (every field)'),
  }),
  output: z.object({
    format: z.enum(['text', 'json']).describe('The plan format'),
    analyzed: z.boolean().describe('True when the statement ran (EXPLAIN ANALYZE)'),
    plan: z.unknown().describe('The plan: text lines joined by newlines, or the JSON plan'),
  }),
  async handle(input, ctx) {
    const inner = await approveSql(input.sql, 'sql', input.params, ctx.state.schemas);
    if (inner.statement === 'explain' || inner.statement === 'show') {
      throw invalidInput(
        `sql: pass the statement itself${inner.statement === 'explain' ? ', without EXPLAIN' : ''}; ${inner.statement.toUpperCase()} has no plan of its own.`,
        'Send a SELECT, VALUES, TABLE or WITH statement; use analyze and format for the EXPLAIN options.',
      );
    }
    const options = [`FORMAT ${input.format.toUpperCase()}`, ...(input.analyze ? ['ANALYZE'] : [])];
    // The composed statement goes through the parser again: what runs is exactly what was approved.
    const sql = `EXPLAIN (${options.join(', ')}) ${input.sql}`;
    const approved = await approveSql(sql, 'sql', input.params, ctx.state.schemas);
    if (approved.statement !== 'explain' || approved.analyze !== input.analyze) {
      throw invalidInput(
        'sql: the statement did not combine with EXPLAIN cleanly.',
        'Send one plain statement.',
      );
    }
    const rows = await readOnly(ctx, async (client) => {
      await checkVolatility(client, approved);
      return readRows(client, sql, input.params, { maxRows: 100_000, maxBytes: ctx.state.maxBytes });
    });
    if (rows.truncated && (input.format === 'json' || rows.row_count === 0)) {
      throw tooLarge(
        `the plan is larger than a result may be (${ctx.state.maxBytes} characters).`,
        "Use format: 'text' (more compact), or plan a smaller part of the statement.",
      );
    }
    const plan = input.format === 'json' ? rows.rows[0]?.[0] : rows.rows.map((r) => String(r[0])).join('\n');
    const cut = rows.truncated
      ? '\n[plan truncated by the size limit: plan a smaller part of the statement]'
      : '';
    const textForm = (typeof plan === 'string' ? plan : JSON.stringify(plan)) + cut;
    return structured({ format: input.format, analyzed: input.analyze, plan }, textForm);
  },
});

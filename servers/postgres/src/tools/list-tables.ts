import { notFound, structured, z } from '@bastion-mcp/runtime';
import { listTables as readTables, tableInfo } from '../lib/catalog.js';
import { catalogQuery } from '../lib/catalog-query.js';
import { readOnly, tool } from '../tool.js';

export const listTables = tool({
  name: 'list_tables',
  title: 'List tables',
  description:
    'List tables, views and materialized views with estimated row counts, size and comment; optionally in one schema.',
  kind: 'read',
  input: z.object({
    schema: z.string().min(1).optional().describe('Only this schema (list_schemas shows them); default all'),
  }),
  output: z.object({ tables: z.array(tableInfo).describe('Tables, by schema then name') }),
  async handle(input, ctx) {
    const { schemas } = ctx.state;
    if (input.schema && schemas.length && !schemas.includes(input.schema)) {
      throw notFound(
        `schema: "${input.schema}" is not exposed by this server (it exposes ${schemas.join(', ')}).`,
        'Pick one of those, or omit schema.',
      );
    }
    const tables = await readOnly(ctx, (client) =>
      readTables(catalogQuery(client), {
        ...(input.schema ? { schema: input.schema } : {}),
        allowed: schemas,
      }),
    );
    const lines = tables.map((t) => {
      const rows = t.estimated_rows === null ? '' : ` ~${t.estimated_rows} rows`;
      return `${t.schema}.${t.name} ${t.kind}${rows}${t.comment ? ` - ${t.comment}` : ''}`;
    });
    const none = input.schema
      ? `No tables in schema "${input.schema}" (or it does not exist).`
      : 'No tables visible.';
    return structured({ tables }, lines.join('\n') || none);
  },
});

import { notFound, structured, z } from '@bastion-mcp/runtime';
import { describeTable as readTable, tableDescription } from '../lib/catalog.js';
import { catalogQuery } from '../lib/catalog-query.js';
import { describeText } from '../lib/describe-text.js';
import { readOnly, tool } from '../tool.js';

export const describeTable = tool({
  name: 'describe_table',
  title: 'Describe a table',
  description:
    'Columns (type, nullability, default, comment), primary key, foreign keys both ways, indexes, check and unique constraints, and size of one table, view or materialized view.',
  kind: 'read',
  input: z.object({
    table: z.string().min(1).describe('Table name, exactly as stored (case-sensitive), without quotes'),
    schema: z.string().min(1).default('public').describe('Schema of the table (default public)'),
  }),
  output: tableDescription,
  async handle(input, ctx) {
    const { schemas } = ctx.state;
    if (schemas.length && !schemas.includes(input.schema)) {
      throw notFound(
        `schema: "${input.schema}" is not exposed by this server (it exposes ${schemas.join(', ')}).`,
        'Pass one of those schemas.',
      );
    }
    const table = await readOnly(ctx, (client) =>
      readTable(catalogQuery(client), input.schema, input.table, schemas),
    );
    if (!table) {
      throw notFound(
        `table: no table, view or materialized view "${input.schema}"."${input.table}" is visible to this role.`,
        'list_tables shows the tables of each schema; names are case-sensitive.',
      );
    }
    return structured({ ...table }, describeText(table));
  },
});

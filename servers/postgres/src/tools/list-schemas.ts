import { structured, z } from '@bastion-mcp/runtime';
import { listSchemas as readSchemas, schemaInfo } from '../lib/catalog.js';
import { catalogQuery } from '../lib/catalog-query.js';
import { readOnly, tool } from '../tool.js';

export const listSchemas = tool({
  name: 'list_schemas',
  title: 'List schemas',
  description: 'List the non-system schemas this server can see, with owner, comment and number of tables.',
  kind: 'read',
  input: z.object({}),
  output: z.object({ schemas: z.array(schemaInfo).describe('Schemas, by name') }),
  async handle(_input, ctx) {
    const schemas = await readOnly(ctx, (client) => readSchemas(catalogQuery(client), ctx.state.schemas));
    const lines = schemas.map(
      (s) =>
        `${s.name} (${s.table_count} table${s.table_count === 1 ? '' : 's'})${s.comment ? ` - ${s.comment}` : ''}`,
    );
    return structured({ schemas }, lines.join('\n') || 'No schemas visible to this role.');
  },
});

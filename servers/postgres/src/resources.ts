import { notFound, type ResourceSpec } from '@bastion-mcp/runtime';
import { resourceColumns, tableResources } from './lib/catalog.js';
import { catalogQuery } from './lib/catalog-query.js';
import { type PgState, readOnly } from './tool.js';

/** postgres://<host>/<schema>/<table>/schema: a table's columns, as the reference server's resources. */
export const tableSchemaResource: ResourceSpec<PgState> = {
  name: 'table-schema',
  title: 'Table columns',
  description: 'Column names and data types of a table, view or materialized view',
  mimeType: 'application/json',
  template: 'postgres://{host}/{schema}/{table}/schema',
  async list(ctx) {
    const { state } = ctx;
    const tables = await readOnly(ctx, (client) => tableResources(catalogQuery(client), state.schemas));
    const resources = tables.map(({ schema, table }) => ({
      uri: uriOf(state.host, schema, table),
      name: `"${schema}"."${table}" schema`,
      mimeType: 'application/json',
    }));
    return { resources };
  },
  async read(uri, variables, ctx) {
    const { state } = ctx;
    const schema = decodeURIComponent(String(variables.schema));
    const table = decodeURIComponent(String(variables.table));
    if (state.schemas.length && !state.schemas.includes(schema))
      throw notFound(`schema "${schema}" is not exposed by this server.`, 'resources/list shows what is.');
    const columns = await readOnly(ctx, (client) => resourceColumns(catalogQuery(client), schema, table));
    if (columns.length === 0)
      throw notFound(`no table "${schema}"."${table}" is visible.`, 'resources/list shows the tables.');
    return [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(columns, null, 2) }];
  },
};

const uriOf = (host: string, schema: string, table: string) =>
  `postgres://${host}/${encodeURIComponent(schema)}/${encodeURIComponent(table)}/schema`;

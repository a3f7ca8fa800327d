import { describe, expect, it } from 'vitest';
import { SAMPLE } from '../support/sample.mjs';
import { pgClient } from './helpers.js';

type Obj = Record<string, unknown>;

describe('list_schemas', () => {
  it('lists the non-system schemas with table counts', async () => {
    const client = await pgClient();
    const result = await client.call('list_schemas');
    const schemas = (result.structuredContent as { schemas: Obj[] }).schemas;
    const names = schemas.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['empty_schema', 'public', 'shop']));
    expect(names).not.toContain('pg_catalog');
    expect(names).not.toContain('information_schema');
    expect(schemas.find((s) => s.name === 'empty_schema')).toMatchObject({ table_count: 0 });
    expect(client.textOf(result)).toMatch(/^shop \(\d+ tables\)/m);
  });

  it('shows only the --schemas allow list', async () => {
    const client = await pgClient(['--schemas', 'shop']);
    const result = await client.call('list_schemas');
    expect((result.structuredContent as { schemas: Obj[] }).schemas.map((s) => s.name)).toEqual(['shop']);
  });
});

describe('list_tables', () => {
  it('lists tables, views and materialized views with estimates and comments', async () => {
    const client = await pgClient();
    const result = await client.call('list_tables', { schema: 'shop' });
    const tables = (result.structuredContent as { tables: Obj[] }).tables;
    const byName = Object.fromEntries(tables.map((t) => [t.name, t]));
    expect(byName.customers).toMatchObject({
      schema: 'shop',
      kind: 'table',
      estimated_rows: SAMPLE.customers,
    });
    expect(byName.customers?.comment).toEqual(expect.any(String));
    expect(byName.order_totals).toMatchObject({ kind: 'view' });
    expect(byName.customer_stats).toMatchObject({ kind: 'materialized_view' });
    expect(tables.every((t) => t.schema === 'shop')).toBe(true);
  });

  it('marks a table the role cannot read as readable: false', async () => {
    const client = await pgClient();
    const result = await client.call('list_tables', { schema: 'public' });
    const secrets = (result.structuredContent as { tables: Obj[] }).tables.find((t) => t.name === 'secrets');
    expect(secrets).toMatchObject({ readable: false });
  });

  it('says so for an unknown schema and refuses one outside --schemas', async () => {
    const client = await pgClient();
    const none = await client.call('list_tables', { schema: 'nowhere' });
    expect(none.structuredContent).toEqual({ tables: [] });
    expect(client.textOf(none)).toContain('No tables in schema "nowhere"');
    const limited = await pgClient(['--schemas', 'shop']);
    const refused = await limited.call('list_tables', { schema: 'public' });
    expect(limited.textOf(refused)).toMatch(/^\[not_found\] schema: "public" is not exposed/);
  });
});

describe('describe_table', () => {
  it('describes columns, keys both ways, indexes, constraints and size', async () => {
    const client = await pgClient();
    const result = await client.call('describe_table', { schema: 'shop', table: 'orders' });
    expect(result.isError, client.textOf(result)).toBeFalsy();
    const t = result.structuredContent as Obj & { columns: Obj[] };
    expect(t).toMatchObject({ schema: 'shop', name: 'orders', kind: 'table' });
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'customer_id', 'total', 'status', 'placed_at']);
    expect(t.columns.find((c) => c.name === 'total')).toMatchObject({
      type: 'numeric(10,2)',
      nullable: false,
    });
    expect(t.columns.find((c) => c.name === 'status')).toMatchObject({ default: "'new'::text" });
    expect(t.primary_key).toMatchObject({ columns: ['id'] });
    expect(t.foreign_keys).toEqual([
      expect.objectContaining({
        columns: ['customer_id'],
        references: { schema: 'shop', table: 'customers', columns: ['id'] },
        on_delete: expect.stringMatching(/cascade/i),
      }),
    ]);
    expect(t.referenced_by).toEqual([
      expect.objectContaining({ from: { schema: 'shop', table: 'order_items', columns: ['order_id'] } }),
    ]);
    expect((t.indexes as Obj[]).map((i) => i.name)).toContain('orders_customer_idx');
    expect((t.check_constraints as Obj[]).map((c) => c.definition).join(' ')).toMatch(/total >= /);
    expect(t.size_bytes).toBeGreaterThan(0);
  });

  it('gives a composite primary key in declared order and a view its definition', async () => {
    const client = await pgClient();
    const items = await client.call('describe_table', { schema: 'shop', table: 'order_items' });
    expect(items.structuredContent).toMatchObject({ primary_key: { columns: ['order_id', 'sku'] } });
    const view = await client.call('describe_table', { schema: 'shop', table: 'order_totals' });
    expect(view.structuredContent).toMatchObject({
      kind: 'view',
      definition: expect.stringMatching(/SELECT/i),
    });
  });

  it('refuses an unknown table, a wrong-case name and a schema outside --schemas', async () => {
    const client = await pgClient();
    for (const args of [{ table: 'nowhere' }, { schema: 'shop', table: 'ORDERS' }]) {
      const result = await client.call('describe_table', args);
      expect(client.textOf(result)).toMatch(/^\[not_found\] table: no table, view or materialized view/);
    }
    const injected = await client.call('describe_table', { schema: "shop' OR '1'='1", table: 'orders' });
    expect(client.textOf(injected)).toMatch(/^\[not_found\]/);
    const limited = await pgClient(['--schemas', 'shop']);
    const refused = await limited.call('describe_table', { schema: 'public', table: 'victim' });
    expect(limited.textOf(refused)).toMatch(/^\[not_found\] schema: "public" is not exposed/);
  });
});

describe('resources', () => {
  it('lists every table of every non-system schema and reads the reference shape', async () => {
    const client = await pgClient();
    const { resources } = await client.client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^postgres:\/\/127\.0\.0\.1:\d+\/shop\/orders\/schema$/),
        expect.stringMatching(/^postgres:\/\/127\.0\.0\.1:\d+\/public\/victim\/schema$/),
      ]),
    );
    expect(uris.join(' ')).not.toMatch(/pg_catalog|information_schema|_reader|:[^/@]*@/);
    const orders = uris.find((u) => u.endsWith('/shop/orders/schema')) as string;
    const read = await client.client.readResource({ uri: orders });
    const content = read.contents[0] as { text: string; mimeType: string };
    expect(content.mimeType).toBe('application/json');
    expect(JSON.parse(content.text)).toContainEqual({ column_name: 'total', data_type: 'numeric' });
  });

  it('refuses an unknown table and a schema outside --schemas', async () => {
    const client = await pgClient(['--schemas', 'shop']);
    const { resources } = await client.client.listResources();
    expect(resources.every((r) => r.uri.includes('/shop/'))).toBe(true);
    const host = new URL(resources[0]?.uri as string).host;
    await expect(
      client.client.readResource({ uri: `postgres://${host}/shop/nowhere/schema` }),
    ).rejects.toThrow(/no table "shop"."nowhere"/);
    await expect(
      client.client.readResource({ uri: `postgres://${host}/public/victim/schema` }),
    ).rejects.toThrow(/not exposed/);
  });
});

describe('describe_table text', () => {
  it('is compact: one line per column, key, index and constraint', async () => {
    const client = await pgClient();
    const text = client.textOf(await client.call('describe_table', { schema: 'shop', table: 'orders' }));
    expect(text).toMatch(/^shop\.orders \(table, ~100 rows, \d+ kB\)/);
    expect(text).toContain('\n  total numeric(10,2) not null');
    expect(text).toContain('\nprimary key: (id)');
    expect(text).toContain('\nforeign key (customer_id) -> shop.customers(id) on delete cascade');
    expect(text).toContain('\nreferenced by shop.order_items(order_id) -> (id)');
    expect(text).toMatch(
      /\nindex CREATE INDEX orders_customer_idx ON shop\.orders USING btree \(customer_id\)/,
    );
  });
});

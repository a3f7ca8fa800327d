// The postgres server on a throwaway embedded PostgreSQL with the sample shop, connected as a
// SELECT-only role: the catalog tools, a parameterised query, a plan, a capped result, and writes
// refused (a stacked statement, a volatile function).
import { createDatabase, startPostgres } from '../../servers/postgres/support/embedded.mjs';
import { seedSample } from '../../servers/postgres/support/sample.mjs';

export async function tour(kit) {
  const cluster = await startPostgres({ log: (message) => console.log(`  ${message}`) });
  kit.defer(() => cluster.stop());
  const db = await createDatabase(cluster.adminUrl);
  // Needed with PG_TEST_URL, where stopping the cluster is a no-op.
  kit.defer(() => db.drop());
  await seedSample(db.adminUrl);
  console.log(`  database: ${db.name} (sample schemas shop and public), as role ${db.name}_reader`);

  const server = await kit.start([db.readerUrl]);
  await server.call('list_schemas');
  await server.call('list_tables', { schema: 'shop' });
  await server.call('describe_table', { schema: 'shop', table: 'orders' });
  const ordersWithCustomers = 'FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id';
  await server.call(
    'query',
    {
      sql: [
        'SELECT c.name, count(*) AS orders, sum(o.total) AS spent',
        ordersWithCustomers,
        'WHERE o.status = $1 GROUP BY c.name ORDER BY spent DESC, c.name LIMIT 3',
      ].join(' '),
      params: ['paid'],
    },
    'top customers by paid orders; the status travels as a parameter',
  );
  await server.call(
    'explain',
    { sql: `SELECT c.name, o.total ${ordersWithCustomers} WHERE o.status = 'new'` },
    'a join, planned but not run',
  );
  await server.call(
    'query',
    { sql: 'SELECT g FROM generate_series(1, 100000) AS g', max_rows: 5 },
    'a capped result',
  );
  await server.call(
    'query',
    { sql: 'SELECT 1; COMMIT; DROP TABLE victim' },
    'the stacked-statement attack that drops a table through the reference server',
  );
  await server.call('query', { sql: 'SELECT bump()' }, 'a volatile function that inserts a row');
  await server.call('query', { sql: 'SELECT count(*) AS rows FROM victim' }, 'victim still has its 3 rows');
  await server.close();
}

// A small, deterministic sample database (a web shop plus bait objects for attack tests).
// Run as the admin role of a database made by createDatabase(): its default privileges then
// grant every object here to the reader and writer roles.

import pg from 'pg';
import { withClient } from './embedded.mjs';

/** Facts about the sample that tests can assert on. */
export const SAMPLE = Object.freeze({
  schemas: Object.freeze(['shop', 'public', 'empty_schema']),
  customers: 20,
  /** The last customer has no email (NULL in a UNIQUE column). */
  customersWithoutEmail: 1,
  orders: 100,
  products: 10,
  orderItems: 200,
  victimRows: 3,
  secretValue: 'sample-secret-do-not-leak',
  bigRows: 1_000_000,
});

const CUSTOMER_NAMES = [
  'Ada Lovelace',
  'Alan Turing',
  'Grace Hopper',
  'Edsger Dijkstra',
  'Barbara Liskov',
  'Donald Knuth',
  'Frances Allen',
  'Ken Thompson',
  'Margaret Hamilton',
  'Dennis Ritchie',
  'Radia Perlman',
  'John McCarthy',
  'Karen Sparck Jones',
  'Tony Hoare',
  'Shafi Goldwasser',
  'Niklaus Wirth',
  'Sophie Wilson',
  'Leslie Lamport',
  'Adele Goldberg',
  'Michael Stonebraker',
];

const PRODUCTS = [
  ['SKU-01', 'Espresso beans 1 kg', '24.90'],
  ['SKU-02', 'Filter coffee 500 g', '11.50'],
  ['SKU-03', 'Green tea 100 g', '7.25'],
  ['SKU-04', 'Ceramic mug', '9.99'],
  ['SKU-05', 'Milk frother', '39.00'],
  ['SKU-06', 'Pour-over dripper', '18.40'],
  ['SKU-07', 'Paper filters (100)', '4.10'],
  ['SKU-08', 'Burr grinder', '129.00'],
  ['SKU-09', 'Travel tumbler', '22.75'],
  ['SKU-10', 'Gift card', '50.00'],
];

/** @param {string} value */
const literal = (value) => pg.escapeLiteral(value);

const SHOP_SQL = `
  CREATE SCHEMA shop;
  COMMENT ON SCHEMA shop IS 'A small web shop';

  CREATE TABLE shop.customers (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    email text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  COMMENT ON TABLE shop.customers IS 'People with an account in the shop';
  COMMENT ON COLUMN shop.customers.email IS 'Contact address; unique when present';

  CREATE TABLE shop.orders (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id int NOT NULL REFERENCES shop.customers (id) ON DELETE CASCADE,
    total numeric(10, 2) NOT NULL CHECK (total >= 0),
    status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid', 'shipped')),
    placed_at timestamptz NOT NULL DEFAULT now()
  );
  COMMENT ON TABLE shop.orders IS 'One checkout by a customer';
  COMMENT ON COLUMN shop.orders.total IS 'Sum of qty * price over the order items';
  COMMENT ON COLUMN shop.orders.status IS 'new, paid or shipped';
  CREATE INDEX orders_customer_idx ON shop.orders (customer_id);
  CREATE INDEX orders_open_idx ON shop.orders (status, placed_at) WHERE status <> 'shipped';

  CREATE TABLE shop.products (sku text PRIMARY KEY, title text, price numeric(10, 2));

  CREATE TABLE shop.order_items (
    order_id int REFERENCES shop.orders (id),
    sku text REFERENCES shop.products (sku),
    qty int CHECK (qty > 0),
    PRIMARY KEY (order_id, sku)
  );

  INSERT INTO shop.products (sku, title, price) VALUES
    ${PRODUCTS.map(([sku, title, price]) => `(${literal(sku)}, ${literal(title)}, ${price})`).join(',\n    ')};

  INSERT INTO shop.customers (name, email, created_at)
  SELECT name,
         CASE WHEN i < ${CUSTOMER_NAMES.length} THEN lower(replace(name, ' ', '.')) || '@example.com' END,
         timestamptz '2024-01-01 09:00:00+00' + (i - 1) * interval '3 days'
  FROM unnest(ARRAY[${CUSTOMER_NAMES.map(literal).join(', ')}]) WITH ORDINALITY AS c(name, i)
  ORDER BY i;

  -- Five orders per customer, statuses cycling, one every 7h13m from March 2024.
  INSERT INTO shop.orders (customer_id, total, status, placed_at)
  SELECT (i - 1) % ${CUSTOMER_NAMES.length} + 1, 0, (ARRAY['new', 'paid', 'shipped'])[i % 3 + 1],
         timestamptz '2024-03-01 10:00:00+00' + i * interval '7 hours 13 minutes'
  FROM generate_series(1, 100) AS i
  ORDER BY i;

  -- Two different products per order: 3i and 7i+1 (mod 10) never coincide.
  INSERT INTO shop.order_items (order_id, sku, qty)
  SELECT o, format('SKU-%s', lpad((v.p + 1)::text, 2, '0')), v.qty
  FROM generate_series(1, 100) AS o,
       LATERAL (VALUES ((o * 3) % 10, o % 3 + 1), ((o * 7 + 1) % 10, (o + 1) % 4 + 1)) AS v(p, qty);

  UPDATE shop.orders o SET total = t.total
  FROM (
    SELECT i.order_id, sum(i.qty * p.price) AS total
    FROM shop.order_items i JOIN shop.products p USING (sku)
    GROUP BY i.order_id
  ) t
  WHERE t.order_id = o.id;

  CREATE VIEW shop.order_totals AS
  SELECT c.id AS customer_id, c.name, count(o.id) AS orders, coalesce(sum(o.total), 0) AS total
  FROM shop.customers c LEFT JOIN shop.orders o ON o.customer_id = c.id
  GROUP BY c.id, c.name;

  CREATE MATERIALIZED VIEW shop.customer_stats AS
  SELECT customer_id, count(*) AS orders, sum(total) AS total, max(placed_at) AS last_order_at
  FROM shop.orders
  GROUP BY customer_id;
`;

// Bait for attack tests: anything that could write must leave victim untouched.
const PUBLIC_SQL = `
  CREATE TABLE public.victim (id int PRIMARY KEY, note text);
  INSERT INTO public.victim (id, note) VALUES (1, 'alpha'), (2, 'beta'), (3, 'gamma');

  CREATE SEQUENCE public.counter_seq;

  CREATE FUNCTION public.bump() RETURNS int LANGUAGE plpgsql VOLATILE AS $$
  BEGIN
    INSERT INTO public.victim (id, note) SELECT coalesce(max(id), 0) + 1, 'bumped' FROM public.victim;
    RETURN 1;
  END
  $$;

  CREATE FUNCTION public.safe_double(x int) RETURNS int LANGUAGE sql STABLE AS $$ SELECT x * 2 $$;

  CREATE PROCEDURE public.add_victim() LANGUAGE sql AS $$
    INSERT INTO public.victim (id, note) SELECT coalesce(max(id), 0) + 1, 'added' FROM public.victim
  $$;

  CREATE TABLE public.secrets (id int, value text);
  INSERT INTO public.secrets (id, value) VALUES (1, '${SAMPLE.secretValue}');
  -- Default privileges granted it to the test roles; nobody but the owner may read it.
  DO $$
  DECLARE grantee text;
  BEGIN
    FOR grantee IN
      SELECT DISTINCT a.grantee::regrole::text
      FROM pg_class c, aclexplode(c.relacl) a
      WHERE c.oid = 'public.secrets'::regclass AND a.grantee NOT IN (0, c.relowner)
    LOOP
      EXECUTE format('REVOKE ALL ON public.secrets FROM %s', grantee);
    END LOOP;
  END
  $$;
  REVOKE ALL ON public.secrets FROM PUBLIC;

  CREATE SCHEMA empty_schema;
`;

/**
 * Create the sample in the database at `url` (as its admin). Skips a database that already has it.
 * @param {string} url
 */
export async function seedSample(url) {
  await withClient(url, async (client) => {
    const { rows } = await client.query("SELECT to_regclass('shop.customers') IS NOT NULL AS seeded");
    if (rows[0].seeded) return;
    // A multi-statement simple query runs as one transaction: a failure leaves nothing half-made.
    await client.query(SHOP_SQL + PUBLIC_SQL);
    // Planner statistics, so reltuples-based row estimates are meaningful.
    await client.query('ANALYZE');
  });
}

/**
 * Create `public.big` with `rows` rows (skipped when it already has exactly that many).
 * @param {string} url admin URL of the database
 * @param {{ rows?: number; grantTo?: string[] }} [options] grantTo: roles that get SELECT
 *   (not needed for databases made by createDatabase, whose default privileges cover it)
 */
export async function seedBig(url, { rows = SAMPLE.bigRows, grantTo = [] } = {}) {
  await withClient(url, async (client) => {
    if ((await countBig(client)) !== rows) await fillBig(client, rows);
    for (const role of grantTo)
      await client.query(`GRANT SELECT ON public.big TO ${pg.escapeIdentifier(role)}`);
  });
}

/** @param {pg.Client} client */
async function countBig(client) {
  const { rows } = await client.query("SELECT to_regclass('public.big') IS NOT NULL AS present");
  if (!rows[0].present) return -1;
  const { rows: counted } = await client.query('SELECT count(*)::int AS n FROM public.big');
  return counted[0].n;
}

/**
 * @param {pg.Client} client
 * @param {number} rows
 */
async function fillBig(client, rows) {
  await client.query('DROP TABLE IF EXISTS public.big');
  await client.query(
    'CREATE TABLE public.big (id bigint, name text, value double precision, created_at timestamptz)',
  );
  await client.query(
    `INSERT INTO public.big (id, name, value, created_at)
     SELECT g, 'name-' || g, (g % 1000) / 8.0, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second'
     FROM generate_series(1, $1::bigint) AS g`,
    [rows],
  );
  // Building the key after the bulk load is much faster than maintaining it row by row.
  await client.query('ALTER TABLE public.big ADD PRIMARY KEY (id)');
  await client.query('ANALYZE public.big');
}

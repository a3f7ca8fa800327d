import { describe, expect, inject, it } from 'vitest';
import { withClient } from '../support/embedded.mjs';
import { SAMPLE } from '../support/sample.mjs';

const adminUrl = inject('pgAdminUrl');
const readerUrl = inject('pgReaderUrl');
const writerUrl = inject('pgWriterUrl');

const query = (url: string, sql: string) => withClient(url, (client) => client.query(sql));

// Resolves to the SQLSTATE the statement fails with.
const failureCode = (url: string, sql: string) =>
  query(url, sql).then(
    () => 'no error',
    (error: { code?: string }) => error.code,
  );

const count = async (url: string, table: string) =>
  Number((await query(url, `SELECT count(*) AS n FROM ${table}`)).rows[0].n);

describe('connection URLs', () => {
  it('connect as the expected roles to the test database', async () => {
    const who = async (url: string) =>
      (await query(url, 'SELECT current_user AS u, current_database() AS d')).rows[0];
    const db = inject('pgDatabase');
    expect(await who(readerUrl)).toEqual({ u: inject('pgReaderRole'), d: db });
    expect(await who(writerUrl)).toEqual({ u: inject('pgWriterRole'), d: db });
    expect((await who(adminUrl)).d).toBe(db);
  });

  it('carry percent-encoded passwords with URL-special characters', () => {
    for (const url of [readerUrl, writerUrl]) {
      const password = decodeURIComponent(new URL(url).password);
      expect(password).toMatch(/[%@/#]/);
      expect(url).not.toContain(password);
    }
  });

  it('are refused with a wrong password', async () => {
    const wrong = new URL(readerUrl);
    wrong.password = 'not-the-password';
    expect(await failureCode(wrong.toString(), 'SELECT 1')).toBe('28P01');
  });
});

describe('reader role', () => {
  it('reads the sample', async () => {
    expect(await count(readerUrl, 'shop.customers')).toBe(SAMPLE.customers);
    expect(await count(readerUrl, 'shop.order_totals')).toBe(SAMPLE.customers);
    expect(await count(readerUrl, 'shop.customer_stats')).toBe(SAMPLE.customers);
  });

  it.each([
    ['INSERT', "INSERT INTO public.victim VALUES (99, 'x')"],
    ['UPDATE', "UPDATE shop.customers SET name = 'x'"],
    ['DELETE', 'DELETE FROM shop.order_items'],
    ['CREATE TABLE', 'CREATE TABLE public.intruder (id int)'],
    ['CREATE TEMP TABLE', 'CREATE TEMP TABLE intruder (id int)'],
    ['nextval', "SELECT nextval('public.counter_seq')"],
    ['a writing function', 'SELECT public.bump()'],
    ['a writing procedure', 'CALL public.add_victim()'],
    ['the secrets table', 'SELECT * FROM public.secrets'],
  ])('is denied %s', async (_what, sql) => {
    expect(await failureCode(readerUrl, sql)).toBe('42501');
  });

  it('left the victim untouched', async () => {
    expect(await count(adminUrl, 'public.victim')).toBe(SAMPLE.victimRows);
  });
});

describe('writer role', () => {
  it('can insert, update and delete (rolled back here)', async () => {
    await withClient(writerUrl, async (client) => {
      await client.query('BEGIN');
      try {
        const inserted = await client.query(
          "INSERT INTO shop.customers (name) VALUES ('Test Writer') RETURNING id",
        );
        const id = inserted.rows[0].id;
        await client.query("UPDATE shop.customers SET email = 'writer@example.com' WHERE id = $1", [id]);
        expect((await client.query('DELETE FROM shop.customers WHERE id = $1', [id])).rowCount).toBe(1);
        expect((await client.query('SELECT public.bump() AS n')).rows[0].n).toBe(1);
      } finally {
        await client.query('ROLLBACK');
      }
    });
    expect(await count(adminUrl, 'public.victim')).toBe(SAMPLE.victimRows);
  });

  it('still cannot read the secrets', async () => {
    expect(await failureCode(writerUrl, 'SELECT * FROM public.secrets')).toBe('42501');
  });
});

describe('sample', () => {
  it('has the documented row counts', async () => {
    expect(await count(adminUrl, 'shop.customers')).toBe(SAMPLE.customers);
    expect(await count(adminUrl, 'shop.customers WHERE email IS NULL')).toBe(SAMPLE.customersWithoutEmail);
    expect(await count(adminUrl, 'shop.orders')).toBe(SAMPLE.orders);
    expect(await count(adminUrl, 'shop.products')).toBe(SAMPLE.products);
    expect(await count(adminUrl, 'shop.order_items')).toBe(SAMPLE.orderItems);
    expect((await query(adminUrl, 'SELECT value FROM public.secrets')).rows).toEqual([
      { value: SAMPLE.secretValue },
    ]);
  });

  it('has planner statistics, comments and an empty schema', async () => {
    const stats = await query(adminUrl, "SELECT reltuples FROM pg_class WHERE oid = 'shop.orders'::regclass");
    expect(stats.rows[0].reltuples).toBe(SAMPLE.orders);
    const comment = await query(
      adminUrl,
      "SELECT obj_description('shop.customers'::regclass, 'pg_class') AS c",
    );
    expect(comment.rows[0].c).toBeTruthy();
    const empty = await query(
      adminUrl,
      "SELECT count(*) AS n FROM pg_class WHERE relnamespace = 'empty_schema'::regnamespace",
    );
    expect(Number(empty.rows[0].n)).toBe(0);
  });
});

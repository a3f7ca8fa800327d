import { describe, expect, it } from 'vitest';
import { admin, pgClient } from './helpers.js';

describe('explain', () => {
  it('gives a text plan without running the statement', async () => {
    const client = await pgClient();
    const result = await client.call('explain', {
      sql: 'SELECT * FROM shop.orders WHERE customer_id = $1',
      params: [3],
    });
    expect(result.structuredContent).toMatchObject({ format: 'text', analyzed: false });
    expect(client.textOf(result)).toMatch(/Scan on orders/);
    expect(client.textOf(result)).not.toMatch(/actual time/);
  });

  it('gives a JSON plan, and with analyze real timings', async () => {
    const client = await pgClient();
    const result = await client.call('explain', {
      sql: 'SELECT count(*) FROM shop.orders',
      format: 'json',
      analyze: true,
    });
    const plan = (result.structuredContent as { plan: [{ Plan: Record<string, unknown> }] }).plan;
    expect(plan[0].Plan['Node Type']).toBe('Aggregate');
    expect(plan[0].Plan['Actual Rows']).toBe(1);
  });

  it('runs EXPLAIN ANALYZE inside the read-only transaction and the statement timeout', async () => {
    const client = await pgClient(['--statement-timeout-ms', '300']);
    const result = await client.call('explain', { sql: 'SELECT pg_sleep(3)', analyze: true });
    expect(client.textOf(result)).toMatch(/^\[timeout\]/);
  });

  it.each([
    ['a DELETE', { sql: 'DELETE FROM victim', analyze: true }, /^\[access_denied\] sql: DELETE/],
    [
      'EXPLAIN passed in sql',
      { sql: 'EXPLAIN SELECT 1' },
      /^\[invalid_input\] sql: pass the statement itself, without EXPLAIN/,
    ],
    ['SHOW', { sql: 'SHOW work_mem' }, /^\[invalid_input\] sql: pass the statement itself/],
    ['options smuggled through a comment', { sql: 'SELECT 1 -- ) DELETE FROM victim' }, null],
    [
      'a volatile function with analyze',
      { sql: 'SELECT bump()', analyze: true },
      /^\[access_denied\] function public\.bump is VOLATILE/,
    ],
  ])('handles %s', async (_label, args, expected) => {
    const before = await admin('SELECT * FROM victim ORDER BY id');
    const client = await pgClient();
    const result = await client.call('explain', args);
    if (expected) expect(client.textOf(result)).toMatch(expected);
    else expect(result.isError, client.textOf(result)).toBeFalsy();
    expect(await admin('SELECT * FROM victim ORDER BY id')).toEqual(before);
  });
});

describe('explain output size', () => {
  it('refuses a JSON plan larger than the size limit, and cuts a text plan', async () => {
    const client = await pgClient(['--max-response-chars', '5000']);
    const sql = `SELECT 1 FROM shop.orders ${Array.from({ length: 40 }, (_, i) => `JOIN shop.customers c${i} ON c${i}.id = orders.customer_id`).join(' ')}`;
    const json = await client.call('explain', { sql, format: 'json' });
    expect(client.textOf(json)).toMatch(/^\[too_large\] the plan is larger than a result may be/);
    const small = await pgClient(['--max-response-chars', '1000']);
    const text = await small.call('explain', { sql });
    expect(small.textOf(text)).toContain('[plan truncated by the size limit');
  });
});

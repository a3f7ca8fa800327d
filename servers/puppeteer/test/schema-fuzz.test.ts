import { pathCapProblems, schemaFuzzProblems, tempDir } from '@bastion-mcp/runtime/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserClient, call } from './helpers.js';
import { type Forbidden, forbiddenServer, type Site, testSite } from './site.js';

let site: Site;
let forbidden: Forbidden;
let ctx: Awaited<ReturnType<typeof browserClient>>;

beforeAll(async () => {
  forbidden = await forbiddenServer();
  site = await testSite(forbidden.port);
  // Only the local site is reachable: random URLs are refused by the policy before any lookup.
  ctx = await browserClient([
    '--allowed-origins',
    site.origin,
    '--output-dir',
    await tempDir(),
    '--timeout-ms',
    '1000',
    '--toolsets',
    'all',
    await tempDir(),
  ]);
  await ctx.client.call('browser_navigate', { url: `${site.origin}/form` });
});
afterAll(async () => {
  await ctx?.close();
  await site?.close();
  await forbidden?.close();
});

it('going back or forward past the history says so (Chromium rejects it; the fuzz found an internal error)', async () => {
  await call(ctx.client, 'browser_tabs', { action: 'new' });
  expect(await call(ctx.client, 'browser_navigate_back')).toContain('Nothing to go back to');
  expect(await call(ctx.client, 'browser_navigate_forward')).toContain('Nothing to go forward to');
  await call(ctx.client, 'browser_tabs', { action: 'close' });
});

it('every tool answers inputs generated from its schema, and mutated out of it, with a result or -32602', async () => {
  const url = fc.oneof(
    fc.constantFrom(
      `${site.origin}/form`,
      `${site.origin}/`,
      'http://127.0.0.1:1/',
      'file:///etc/passwd',
      'javascript:1',
    ),
    fc.webUrl(),
  );
  const problems = await schemaFuzzProblems(ctx.client, {
    numRuns: 6,
    fields: { browser_navigate: { url }, browser_tabs: { url } },
  });
  expect(problems).toEqual([]);
  expect(forbidden.log).toEqual([]);
}, 600_000);

it('a 1 MB path is refused by the schema, naming the field, on every tool that takes a path', async () => {
  const { checked, problems } = await pathCapProblems(ctx.client);
  expect(problems).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(1);
});

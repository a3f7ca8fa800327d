import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, call, refOf } from './helpers.js';
import { type Forbidden, forbiddenServer, type Site, testSite } from './site.js';

let site: Site;
let forbidden: Forbidden;
let ctx: Awaited<ReturnType<typeof browserClient>>;

beforeAll(async () => {
  forbidden = await forbiddenServer();
  site = await testSite(forbidden.port);
  ctx = await browserClient(['--allowed-origins', site.origin]);
});
afterAll(async () => {
  await ctx?.close();
  await site?.close();
  await forbidden?.close();
});

describe('smoke', () => {
  it('navigates and snapshots', async () => {
    const nav = await call(ctx.client, 'browser_navigate', { url: `${site.origin}/` });
    console.log(nav);
    const snap = await call(ctx.client, 'browser_snapshot');
    console.log(snap);
    const ref = refOf(snap, /button "Count"/);
    console.log(await call(ctx.client, 'browser_click', { ref }));
    expect(forbidden.log).toEqual([]);
  });
});

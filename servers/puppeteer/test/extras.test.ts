import { tempDir } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, call, callError, refOf } from './helpers.js';
import { type Forbidden, forbiddenServer, type Site, testSite } from './site.js';

let site: Site;
let forbidden: Forbidden;
let out: string;
let ctx: Awaited<ReturnType<typeof browserClient>>;

beforeAll(async () => {
  forbidden = await forbiddenServer();
  site = await testSite(forbidden.port);
  out = await tempDir();
  ctx = await browserClient([
    '--allowed-origins',
    site.origin,
    '--output-dir',
    out,
    '--toolsets',
    'default,evaluate',
  ]);
});
afterAll(async () => {
  await ctx?.close();
  await site?.close();
  await forbidden?.close();
});

const go = (p: string) => call(ctx.client, 'browser_navigate', { url: `${site.origin}${p}` });

describe('evaluate (its own toolset)', () => {
  it("runs a function in the page, on an element, and as the reference's script", async () => {
    await go('/form');
    expect(await call(ctx.client, 'browser_evaluate', { function: '() => document.title' })).toMatch(
      /"Form"/,
    );
    const snap = await call(ctx.client, 'browser_snapshot');
    const onRef = await call(ctx.client, 'browser_evaluate', {
      function: '(el) => el.value',
      ref: refOf(snap, /textbox "Name"/),
    });
    expect(onRef).toMatch(/"old"/);
    expect(onRef).toMatch(/<untrusted-data id=/);
    expect(await call(ctx.client, 'puppeteer_evaluate', { script: '1 + 2' })).toMatch(/\n3\n/);
    expect(
      await callError(ctx.client, 'browser_evaluate', { function: '() => { throw new Error("nope") }' }),
    ).toMatch(/\[invalid_input\] the script threw: .*nope/);
    expect(await callError(ctx.client, 'browser_evaluate', {})).toMatch(/exactly one of function or script/);
  });

  it('cannot reach what the policy refuses, even from script', async () => {
    await go('/');
    const text = await call(ctx.client, 'browser_evaluate', {
      function: `() => fetch('http://127.0.0.1:${forbidden.port}/from-evaluate').then(r => r.status, e => 'failed')`,
    });
    expect(text).toMatch(/"failed"|403/);
    expect(forbidden.log).toEqual([]);
  });
});

describe('more actions', () => {
  it('drags one element onto another', async () => {
    await go('/drag');
    const answer = await call(ctx.client, 'browser_drag', { startSelector: '#src', endSelector: '#dst' });
    expect(answer).toMatch(/Dragged selector "#src" onto selector "#dst"/);
    expect(await call(ctx.client, 'browser_get_text')).toMatch(/dropped/);
    expect(await callError(ctx.client, 'browser_drag', { startSelector: '#src' })).toMatch(
      /end: give exactly one of ref or selector/,
    );
  });

  it('snapshots a subtree by ref, and without iframes', async () => {
    await go('/form');
    const snap = await call(ctx.client, 'browser_snapshot');
    const sub = await call(ctx.client, 'browser_snapshot', { ref: refOf(snap, /^form/m) });
    expect(sub).toMatch(/^form \[ref=e\d+\]/m);
    expect(sub).not.toMatch(/heading "Sign up"/);
    const shallow = await call(ctx.client, 'browser_snapshot', { depth: 0 });
    expect(shallow).toMatch(/^form \[ref=e\d+\]\n\s+… \(\d+ children; raise depth\)/m);
  });
});

describe('--read-only', () => {
  it('keeps browser_tabs for listing (a read) and refuses the writes, naming the field', async () => {
    const ro = await browserClient(['--read-only']);
    try {
      expect(await call(ro.client, 'browser_tabs', { action: 'list' })).toMatch(/^\* 0: about:blank ""$/m);
      const refused = await callError(ro.client, 'browser_tabs', { action: 'new' });
      expect(refused).toMatch(/action: .*expected "list"/);
    } finally {
      await ro.close();
    }
  });
});

import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, call, callError, eventually, refOf } from './helpers.js';
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
    `${site.origin},${site.origin.replace('127.0.0.1', 'localhost')}`,
    '--output-dir',
    out,
    '--max-response-chars',
    '20000',
  ]);
});
afterAll(async () => {
  await ctx?.close();
  await site?.close();
  await forbidden?.close();
});

const go = (path: string) => call(ctx.client, 'browser_navigate', { url: `${site.origin}${path}` });
const snapshot = (args: Record<string, unknown> = {}) => call(ctx.client, 'browser_snapshot', args);

describe('reading pages', () => {
  it('snapshots iframes (same- and cross-origin) and acts on refs inside them', async () => {
    await go('/frames');
    const snap = await eventually(snapshot, (text) => (text.match(/button "Inner"/g) ?? []).length === 2);
    const inner = snap.split('\n').filter((l) => /button "Inner"/.test(l));
    expect(inner).toHaveLength(2);
    const crossRef = /\[ref=(e\d+)\]/.exec(inner[1] as string)?.[1];
    const answer = await call(ctx.client, 'browser_click', { ref: crossRef });
    expect(answer).toMatch(/\+ .*button "Inner clicked"/);
  });

  it('sees and clicks inside shadow DOM', async () => {
    await go('/shadow');
    const snap = await snapshot();
    const answer = await call(ctx.client, 'browser_click', { ref: refOf(snap, /button "In shadow"/) });
    expect(answer).toMatch(/button "Shadow clicked"/);
  });

  it('cuts a long snapshot inside the budget with a way to narrow, and snapshots a subtree', async () => {
    await go('/table');
    const full = await snapshot();
    expect(full.length).toBeLessThanOrEqual(20_000);
    expect(full).toMatch(
      /\[cut: \d+ of \d+ characters left out by the response budget\. To see the rest: snapshot a subtree with ref=/,
    );
    expect(full).toMatch(/<\/untrusted-data id="[0-9a-f]+">/); // the wrapper survives the cut
    const tableRef = refOf(full, /^table/m);
    const shallow = await snapshot({ ref: tableRef, depth: 0 });
    expect(shallow).toMatch(/^table \[ref=e\d+\]\n\s+… \(\d+ children; raise depth\)/m);
    expect(shallow.length).toBeLessThan(1000);
    const found = await call(ctx.client, 'browser_find', { text: 'Row 4999' });
    expect(found).toMatch(/1 matches/);
    expect(found).toMatch(/Row 4999/);
  });

  it('reads the page as Markdown with links and tables', async () => {
    await go('/');
    const home = await call(ctx.client, 'browser_get_text');
    expect(home).toMatch(/# Welcome/);
    expect(home).toMatch(/\[form\]\(http:\/\/127\.0\.0\.1:\d+\/form\)/);
    expect(home).toMatch(/^- One$/m);
    await go('/table');
    const table = await call(ctx.client, 'browser_get_text');
    expect(table).toMatch(/\| Id \| Name \|\n\| --- \| --- \|\n\| 0 \| Row 0 \|/);
    expect(table).toMatch(/\[cut: .*Read one part with ref or selector/);
  });

  it('wraps page text as untrusted data the page cannot close', async () => {
    await go('/inject');
    const text = await call(ctx.client, 'browser_get_text');
    const id = /<untrusted-data id="([0-9a-f]+)"/.exec(text)?.[1];
    expect(id).toBeTruthy();
    expect(text).toMatch(/IGNORE ALL PREVIOUS INSTRUCTIONS/);
    expect(text.indexOf('IGNORE')).toBeGreaterThan(text.indexOf(`id="${id}"`));
    expect(text.indexOf('IGNORE')).toBeLessThan(text.indexOf(`</untrusted-data id="${id}">`));
    expect(await snapshot()).toMatch(/<untrusted-data id=/);
  });

  it('finds by role and regex with ancestors', async () => {
    await go('/form');
    const byRole = await call(ctx.client, 'browser_find', { role: 'radio' });
    expect(byRole).toMatch(/2 matches/);
    expect(byRole).toMatch(/radio "Pro" \[ref=e\d+\]/);
    const byRegex = await call(ctx.client, 'browser_find', { regex: '^(Email|Bio)$' });
    expect(byRegex).toMatch(/2 matches/);
    expect(await callError(ctx.client, 'browser_find', { regex: '(' })).toMatch(/\[invalid_input\] regex:/);
  });
});

describe('logs', () => {
  it('keeps console messages with a level filter and paging', async () => {
    await go('/console');
    const all = await call(ctx.client, 'browser_console_messages', { limit: 2 });
    expect(all).toMatch(/\[log\] hello log/);
    const cursor = /cursor "([^"]+)"/.exec(all)?.[1];
    expect(cursor).toBeTruthy();
    const next = await call(ctx.client, 'browser_console_messages', { limit: 2, cursor });
    expect(next).toMatch(/boom/);
    const errors = await call(ctx.client, 'browser_console_messages', { level: 'error' });
    expect(errors).not.toMatch(/hello log/);
    expect(errors).toMatch(/boom/);
    const click = await call(ctx.client, 'browser_click', { selector: 'button' });
    expect(click).toMatch(/New console errors:[\s\S]*clicked error/);
    expect(await callError(ctx.client, 'browser_console_messages', { cursor: 'bogus' })).toMatch(
      /cursor is not one this server issued/,
    );
  });

  it('lists network requests with status and type', async () => {
    await go('/form');
    const text = await call(ctx.client, 'browser_network_requests', { filter: '/form' });
    expect(text).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/form 200 document/);
  });
});

describe('navigation and tabs', () => {
  it('goes back, forward and reloads', async () => {
    await go('/');
    await go('/form');
    expect(await call(ctx.client, 'browser_navigate_back')).toMatch(
      /Went back\.\nPage: http:\/\/127\.0\.0\.1:\d+\/ /,
    );
    expect(await call(ctx.client, 'browser_navigate_forward')).toMatch(/\/form/);
    expect(await call(ctx.client, 'browser_reload')).toMatch(/reloaded/);
  });

  it('opens, lists, selects and closes tabs, and adopts popups', async () => {
    await go('/popup');
    await call(ctx.client, 'browser_click', { selector: 'button' });
    let list = await eventually(
      () => call(ctx.client, 'browser_tabs', { action: 'list' }),
      (text) => /\/child/.test(text),
    );
    expect(list).toMatch(/1: http:\/\/127\.0\.0\.1:\d+\/child/);
    list = await call(ctx.client, 'browser_tabs', { action: 'new', url: `${site.origin}/form` });
    expect(list).toMatch(/\* 2: .*\/form "Form"/);
    list = await call(ctx.client, 'browser_tabs', { action: 'select', index: 1 });
    expect(list).toMatch(/\* 1: .*\/child/);
    list = await call(ctx.client, 'browser_tabs', { action: 'close', index: 2 });
    expect(list).not.toMatch(/\/form/);
    await call(ctx.client, 'browser_tabs', { action: 'close' });
    list = await call(ctx.client, 'browser_tabs', { action: 'list' });
    expect(list.trim().split('\n')).toHaveLength(1);
    expect(await callError(ctx.client, 'browser_tabs', { action: 'select', index: 9 })).toMatch(/no tab 9/);
    expect(await callError(ctx.client, 'browser_tabs', { action: 'new', url: 'http://10.0.0.1/' })).toMatch(
      /\[access_denied\]/,
    );
  });

  it('waits for text to appear and to go', async () => {
    await go('/late');
    expect(await call(ctx.client, 'browser_wait_for', { text: 'Ready now' })).toMatch(/appeared/);
    expect(await call(ctx.client, 'browser_wait_for', { textGone: 'Loading' })).toMatch(/is gone/);
    expect(await callError(ctx.client, 'browser_wait_for', { text: 'Never there' })).toMatch(
      /\[timeout\] "Never there" did not appear/,
    );
  });

  it('hovers, presses keys and resizes', async () => {
    await go('/hover');
    expect(await call(ctx.client, 'browser_hover', { selector: 'button' })).toMatch(/Hovered/);
    expect(await call(ctx.client, 'browser_get_text')).toMatch(/Tooltip shown/);
    await go('/keys');
    expect(await call(ctx.client, 'browser_press_key', { selector: 'input', key: 'ArrowDown' })).toMatch(
      /Pressed ArrowDown/,
    );
    expect(await call(ctx.client, 'browser_get_text')).toMatch(/key ArrowDown/);
    expect(await call(ctx.client, 'browser_resize', { width: 800, height: 600 })).toMatch(/800x600/);
    expect(await call(ctx.client, 'browser_evaluate' as string, {}).catch((e: Error) => e.message)).toMatch(
      /not found|Tool browser_evaluate/,
    );
  });
});

describe('files', () => {
  it('returns screenshots as images, scaled, or saves them with a link', async () => {
    await go('/form');
    const png = await ctx.client.call('browser_take_screenshot', { maxEdge: 400 });
    const image = png.content[0] as { type: string; mimeType: string; data: string };
    expect(image.type).toBe('image');
    expect(image.mimeType).toBe('image/png');
    const bytes = Buffer.from(image.data, 'base64');
    expect(bytes.readUInt32BE(16)).toBe(400); // PNG width: 1280 scaled to the 400 edge
    const jpeg = await ctx.client.call('browser_take_screenshot', {
      type: 'jpeg',
      quality: 50,
      selector: 'form',
    });
    expect((jpeg.content[0] as { mimeType: string }).mimeType).toBe('image/jpeg');
    const saved = await ctx.client.call('browser_take_screenshot', {
      filename: '../../evil name.png',
      fullPage: true,
    });
    const link = saved.content.find((c) => c.type === 'resource_link') as { uri: string };
    const file = fileURLToPath(link.uri);
    expect(file.startsWith(`${out}/`)).toBe(true);
    expect(file).toMatch(/evil_name\.png$/);
    expect((await fs.readFile(file)).subarray(1, 4).toString()).toBe('PNG');
    const pdf = await call(ctx.client, 'browser_pdf_save', { filename: 'page' });
    expect(pdf).toMatch(/Saved .* as .*page\.pdf/);
    expect((await fs.readFile(`${out}/page.pdf`)).subarray(0, 4).toString()).toBe('%PDF');
  });

  it("keeps a named screenshot as the reference's screenshot:// resource, and console://logs", async () => {
    await call(ctx.client, 'puppeteer_screenshot', { name: 'home', width: 640, height: 480 });
    const read = await ctx.client.client.readResource({ uri: 'screenshot://home' });
    expect((read.contents[0] as { mimeType: string }).mimeType).toBe('image/png');
    await go('/console');
    const logs = await ctx.client.client.readResource({ uri: 'console://logs' });
    expect((logs.contents[0] as { text: string }).text).toMatch(
      /\[log\] hello log\n\[warn\] careful\n\[error\] boom/,
    );
  });
});

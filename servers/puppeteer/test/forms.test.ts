import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserClient, call, callError, refOf } from './helpers.js';
import { type Forbidden, forbiddenServer, type Site, testSite } from './site.js';

let site: Site;
let forbidden: Forbidden;
let root: string;
let ctx: Awaited<ReturnType<typeof browserClient>>;

beforeAll(async () => {
  forbidden = await forbiddenServer();
  site = await testSite(forbidden.port);
  root = await tempDir();
  await fs.writeFile(path.join(root, 'avatar.png'), 'png-bytes');
  ctx = await browserClient(['--allowed-origins', site.origin, root]);
});
afterAll(async () => {
  await ctx?.close();
  await site?.close();
  await forbidden?.close();
});

const snapshot = () => call(ctx.client, 'browser_snapshot');

describe('forms', () => {
  it('types (replacing unless append), fills every kind of field, uploads, submits', async () => {
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/form` });
    let snap = await snapshot();
    expect(snap).toMatch(/textbox "Name" \[ref=e\d+\]: old/);

    const typed = await call(ctx.client, 'browser_type', { ref: refOf(snap, /textbox "Name"/), text: 'Ada' });
    expect(typed).toMatch(/Typed 3 characters into textbox "Name"/);
    expect(typed).toMatch(/\+ textbox "Name".*: Ada/); // the changed snapshot line, not the whole tree
    expect(typed).not.toMatch(/heading "Sign up"/);
    const appended = await call(ctx.client, 'browser_type', {
      ref: refOf(snap, /textbox "Name"/),
      text: ' Lovelace',
      append: true,
    });
    expect(appended).toMatch(/: Ada Lovelace/);

    const filled = await call(ctx.client, 'browser_fill_form', {
      fields: [
        { ref: refOf(snap, /textbox "Email"/), value: 'ada@example.com' },
        { ref: refOf(snap, /textbox "Password"/), value: 's3cret' },
        { ref: refOf(snap, /spinbutton "Age"/), value: '36' },
        { ref: refOf(snap, /textbox "Bio"/), value: 'Mathematician' },
        { ref: refOf(snap, /combobox "Colour"/), value: 'Green' },
        { ref: refOf(snap, /checkbox "Newsletter"/), value: 'true' },
        { ref: refOf(snap, /radio "Pro"/), value: 'true' },
        { ref: refOf(snap, /textbox "Notes"/), value: 'final notes' },
      ],
    });
    expect(filled).toMatch(/Filled 8 fields/);
    snap = await snapshot();
    expect(snap).toMatch(/checkbox "Newsletter" \[checked\]/);
    expect(snap).toMatch(/radio "Pro" \[checked\]/);
    expect(snap).toMatch(/textbox "Notes".*final notes|final notes/);

    const selected = await call(ctx.client, 'browser_select_option', {
      ref: refOf(snap, /combobox "Colour"/),
      values: ['b'],
    });
    expect(selected).toMatch(/Selected "b"/);

    const uploaded = await call(ctx.client, 'browser_file_upload', {
      selector: '#avatar',
      paths: [path.join(root, 'avatar.png')],
    });
    expect(uploaded).toMatch(/Set 1 file/);
    expect(await call(ctx.client, 'browser_get_text')).toMatch(/Chosen: avatar\.png:9/);

    const submitted = await call(ctx.client, 'browser_click', { ref: refOf(snap, /button "Submit"/) });
    expect(submitted).toMatch(
      /Page: http:\/\/127\.0\.0\.1:\d+\/submitted\?name=Ada\+Lovelace&email=ada%40example\.com/,
    );
    expect(submitted).toMatch(/colour=b&news=on&plan=pro/);
    expect(submitted).toMatch(/title "Submitted"/);
  });

  it('refuses uploads from outside the allowed directories, sending nothing', async () => {
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/form` });
    const outside = await callError(ctx.client, 'browser_file_upload', {
      selector: '#avatar',
      paths: ['/etc/passwd'],
    });
    expect(outside).toMatch(/^\[access_denied\]/);
    const dotdot = await callError(ctx.client, 'browser_file_upload', {
      selector: '#avatar',
      paths: [path.join(root, 'avatar.png'), `${root}/../x`],
    });
    expect(dotdot).toMatch(/^\[access_denied\]/);
    expect(await call(ctx.client, 'browser_get_text')).not.toMatch(/Chosen:/);
  });

  it('the reference aliases keep their inputs (fill replaces, unlike the reference)', async () => {
    await call(ctx.client, 'puppeteer_navigate', { url: `${site.origin}/form` });
    await call(ctx.client, 'puppeteer_fill', { selector: 'input[name=name]', value: 'Grace' });
    await call(ctx.client, 'puppeteer_select', { selector: 'select', value: 'g' });
    const text = await call(ctx.client, 'browser_snapshot');
    expect(text).toMatch(/textbox "Name".*: Grace$/m);
    expect(text).toMatch(/combobox "Colour".*: Green/);
    await call(ctx.client, 'puppeteer_hover', { selector: 'button' });
    await call(ctx.client, 'puppeteer_click', { selector: 'button[type=submit]' });
    expect(await call(ctx.client, 'browser_get_text')).toMatch(/name=Grace/);
  });
});

describe('click and type options', () => {
  const result = async () =>
    /\bnone\b|click[\w ]*|dblclick|contextmenu/.exec(await call(ctx.client, 'browser_get_text'))?.[0];

  it('clicks with a button, twice, or with modifiers held', async () => {
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/mouse` });
    await call(ctx.client, 'browser_click', { selector: '#b' });
    expect(await result()).toBe('click');
    await call(ctx.client, 'browser_click', { selector: '#b', modifiers: ['Shift', 'Control'] });
    expect(await result()).toBe('click shift ctrl');
    expect(await call(ctx.client, 'browser_click', { selector: '#b', double: true })).toMatch(
      /^Double-clicked/m,
    );
    expect(await result()).toBe('dblclick');
    await call(ctx.client, 'browser_click', { selector: '#b', button: 'right' });
    expect(await result()).toBe('contextmenu');
  });

  it('types one key at a time when slowly', async () => {
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/mouse` });
    await call(ctx.client, 'browser_type', { selector: '#t', text: 'abcdefghij', slowly: true });
    const spread = /(\d+) keys over (\d+) ms/.exec(await call(ctx.client, 'browser_get_text'));
    expect(Number(spread?.[1])).toBe(10);
    expect(Number(spread?.[2])).toBeGreaterThanOrEqual(250); // nine gaps of ~30 ms
  });
});

describe('bad input', () => {
  it('gives a clear isError for every malformed target', async () => {
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/` });
    const snap = await snapshot();
    const ref = refOf(snap, /button "Count"/);
    expect(await callError(ctx.client, 'browser_click', {})).toMatch(
      /\[invalid_input\] give exactly one of ref or selector \(got neither\)/,
    );
    expect(await callError(ctx.client, 'browser_click', { ref, selector: 'button' })).toMatch(/got both/);
    expect(await callError(ctx.client, 'browser_click', { ref: 'e9999' })).toMatch(
      /\[not_found\] ref "e9999" is not in any snapshot/,
    );
    expect(await callError(ctx.client, 'browser_click', { selector: '#nope' })).toMatch(
      /\[not_found\] no element matches selector "#nope"/,
    );
    expect(await callError(ctx.client, 'browser_click', { selector: '###' })).toMatch(
      /\[invalid_input\] selector "###" is not valid/,
    );
    expect(await callError(ctx.client, 'browser_navigate', { url: 'not a url' })).toMatch(
      /\[invalid_input\] url: "not a url" is not an absolute URL/,
    );
    expect(await callError(ctx.client, 'browser_type', { ref })).toMatch(/text: required/);
    expect(await callError(ctx.client, 'browser_select_option', { ref, values: ['x'] })).toMatch(
      /is not a <select>/,
    );
    expect(await callError(ctx.client, 'browser_handle_dialog', { accept: true })).toMatch(
      /No dialog is open/,
    );
    expect(await callError(ctx.client, 'browser_find', {})).toMatch(/give text, regex or role/);
    expect(await callError(ctx.client, 'browser_wait_for', { text: 'a', time: 1 })).toMatch(
      /exactly one of text, textGone or time/,
    );
  });

  it('a ref from before a navigation is stale', async () => {
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/` });
    const ref = refOf(await snapshot(), /button "Count"/);
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/dialogs` });
    expect(await callError(ctx.client, 'browser_click', { ref })).toMatch(
      /\[not_found\] ref "e\d+" \(button "Count"\) is stale/,
    );
  });
});

describe('dialogs', () => {
  it('reports a beforeunload dialog on navigation and lets the model leave', async () => {
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/leave` });
    await call(ctx.client, 'browser_click', { selector: 'button' }); // beforeunload needs a user gesture
    const leaving = await call(ctx.client, 'browser_navigate', { url: `${site.origin}/form` });
    expect(leaving).toMatch(/A beforeunload dialog is open/);
    const left = await call(ctx.client, 'browser_handle_dialog', { accept: true });
    expect(left).toMatch(/Accepted the beforeunload dialog/);
    await call(ctx.client, 'browser_wait_for', { text: 'Sign up' });
    expect(await call(ctx.client, 'browser_get_text')).toMatch(/# Sign up/);
  });

  it('reports alert, confirm and prompt, and answers them', async () => {
    await call(ctx.client, 'browser_navigate', { url: `${site.origin}/dialogs` });
    const snap = await snapshot();
    const alert = await call(ctx.client, 'browser_click', { ref: refOf(snap, /button "Alert"/) });
    expect(alert).toMatch(/A alert dialog is open: "Hello alert"/);
    expect(await call(ctx.client, 'browser_handle_dialog', { accept: true })).toMatch(
      /Accepted the alert dialog/,
    );

    const confirm = await call(ctx.client, 'browser_click', { ref: refOf(snap, /button "Confirm"/) });
    expect(confirm).toMatch(/confirm dialog is open: "Sure\?"/);
    await call(ctx.client, 'browser_handle_dialog', { accept: false });
    expect(await call(ctx.client, 'browser_get_text')).toMatch(/cancelled/);

    const prompt = await call(ctx.client, 'browser_click', { ref: refOf(snap, /button "Prompt"/) });
    expect(prompt).toMatch(/prompt dialog is open: "Your name\?" \(default "anon"\)/);
    await call(ctx.client, 'browser_handle_dialog', { accept: true, promptText: 'Zed' });
    expect(await call(ctx.client, 'browser_get_text')).toMatch(/prompt: Zed/);
  });
});

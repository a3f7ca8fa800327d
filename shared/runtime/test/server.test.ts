import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineServer, defineTool } from '../src/index.js';
import { connect, type Era, tempDir } from '../src/testing/index.js';
import { captureLog, echo, slow, testServer } from './helpers.js';

const ERAS: [Era, 'memory' | 'http'][] = [
  ['legacy', 'memory'],
  ['legacy', 'http'],
  ['modern', 'http'],
];

describe.each(ERAS)('a server in the %s era over %s', (era, via) => {
  it('lists the selected tools in order with derived annotations', async () => {
    const client = await connect(testServer(), { era, via });
    const { tools } = await client.client.listTools();
    // The alias `say` stays callable (next test) but is not listed.
    expect(tools.map((t) => t.name)).toEqual(['echo', 'fail', 'roots', 'slow']);
    const echo = tools.find((t) => t.name === 'echo');
    expect(echo?.annotations).toEqual({
      title: 'Echo',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    await client.close();
  });

  it('lists aliases only when asked, never hidden tools, and leaves out what `unlisted` names', async () => {
    const listed = defineTool({ ...echo, name: 'shout', aliases: ['yell'], listAliases: true });
    const old = defineTool({ ...echo, name: 'legacy_echo', aliases: [], successor: 'shout' });
    const server = defineServer({
      name: 'unlisted',
      version: '1.0.0',
      tools: [listed, old, slow],
      state: {},
      unlisted: async () => new Set(['slow']),
    });
    const client = await connect(server, { era, via });
    const { tools } = await client.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['shout', 'yell']);
    expect(tools.find((t) => t.name === 'yell')?.description).toMatch(/^Deprecated alias of shout\./);
    expect(client.textOf(await client.call('legacy_echo', { message: 'old' }))).toBe('old');
    expect(client.textOf(await client.call('slow', { ms: 1 }))).toBe('waited 1');
    await client.close();
  });

  it('calls a tool and its alias', async () => {
    const client = await connect(testServer(), { era, via });
    expect(client.textOf(await client.call('echo', { message: 'hi', times: 2 }))).toBe('hi\nhi');
    expect(client.textOf(await client.call('say', { message: 'yo' }))).toBe('yo');
    await client.close();
  });

  it('turns a ToolError into an isError result that says what and how to fix', async () => {
    const client = await connect(testServer(), { era, via });
    const result = await client.call('fail', { how: 'tool' });
    expect(result.isError).toBe(true);
    expect(client.textOf(result)).toBe('[not_found] no such widget "w1".\nFix: List widgets first.');
    await client.close();
  });

  it('turns a crash into a short isError text; the stack goes to the log only', async () => {
    const log = captureLog();
    const client = await connect(testServer({ log }), { era, via });
    const result = await client.call('fail', { how: 'crash' });
    expect(result.isError).toBe(true);
    const shown = client.textOf(result);
    expect(shown).toBe(
      '[internal] fail failed: database exploded. Details are in the server log; retry or report it.',
    );
    expect(shown).not.toMatch(/internal\/path|at secret/);
    expect(log.lines.join('\n')).toMatch(/at secret \(\/internal\/path\.js/);
    await client.close();
  });

  it('names the field path and expected type on schema failures', async () => {
    const client = await connect(testServer(), { era, via });
    const result = await client.call('echo', { message: 42, times: 'x' });
    expect(result.isError).toBe(true);
    expect(client.textOf(result)).toMatch(/message: .*expected string, received number/);
    expect(client.textOf(result)).toMatch(/times: .*expected number, received string/);
    await client.close();
  });

  it('answers an unknown tool with JSON-RPC -32602', async () => {
    const client = await connect(testServer(), { era, via });
    await expect(client.call('nope', {})).rejects.toMatchObject({ code: -32602 });
    await client.close();
  });

  it('applies the response budget to every result', async () => {
    const client = await connect(testServer({ budget: 1000 }), { era, via });
    const result = await client.call('echo', { message: 'x'.repeat(50), times: 100 });
    const shown = client.textOf(result);
    expect(shown.length).toBeLessThanOrEqual(1000 + 1);
    expect(shown).toMatch(/\[truncated: \d+ of 5099 characters left out by the response budget\./);
    await client.close();
  });

  it('in read-only mode lists and serves read tools only', async () => {
    const client = await connect(testServer({ selection: { readOnly: true, toolsets: ['all'] } }), {
      era,
      via,
    });
    const { tools } = await client.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['echo', 'roots', 'slow']);
    await expect(client.call('wipe', {})).rejects.toMatchObject({ code: -32602 });
    await client.close();
  });
});

describe('client roots (2025-era connection)', () => {
  async function dirs() {
    const base = await tempDir();
    const [a, b, c] = ['a', 'b', 'c'].map((d) => path.join(base, d)) as [string, string, string];
    await Promise.all([a, b, c, path.join(a, 'inner')].map((d) => fs.mkdir(d, { recursive: true })));
    return { a, b, c };
  }

  it('narrow the CLI roots and are re-read on roots/list_changed', async () => {
    const { a, b, c } = await dirs();
    const client = await connect(testServer({ roots: [a, b] }), { roots: [path.join(a, 'inner'), c] });
    expect(client.textOf(await client.call('roots'))).toBe(`${path.join(a, 'inner')}|`);
    const denied = await client.call('roots', { path: path.join(b, 'x') });
    expect(denied.isError).toBe(true);
    await client.setRoots([b]);
    await expect.poll(async () => client.textOf(await client.call('roots'))).toBe(`${b}|`);
    await client.close();
  });

  it('can never widen access beyond the CLI roots', async () => {
    const { a, c } = await dirs();
    const client = await connect(testServer({ roots: [a] }), { roots: [c, '/'] });
    expect(client.textOf(await client.call('roots'))).toBe(`${a}|`);
    expect((await client.call('roots', { path: path.join(c, 'x') })).isError).toBe(true);
    await client.close();
  });

  it('define the roots when the CLI gave none', async () => {
    const { c } = await dirs();
    const client = await connect(testServer(), { roots: [c] });
    expect(client.textOf(await client.call('roots', { path: 'f.txt' }))).toBe(
      `${c}|${path.join(c, 'f.txt')}`,
    );
    await client.close();
  });

  it('without any roots every path is refused with how to configure', async () => {
    const client = await connect(testServer());
    const result = await client.call('roots', { path: '/tmp' });
    expect(result.isError).toBe(true);
    expect(client.textOf(result)).toMatch(/^\[access_denied\] No allowed directories/);
    await client.close();
  });
});

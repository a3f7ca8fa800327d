import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@bastion-mcp/runtime';
import { connect, inventoryProblems, tempDir, toolSnapshotProblems } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { configSpec, createServer } from '../src/server.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function server(argv: string[] = []) {
  const outcome = parseConfig(configSpec, argv, {});
  if (!('run' in outcome)) throw new Error(outcome.stderr);
  return createServer(outcome.run);
}

describe('template inventory', () => {
  it('has the generated tool table in its README', () => {
    const script = path.resolve(here, '../../../scripts/tool-table.mjs');
    execFileSync(process.execPath, [script, path.resolve(here, '..'), '--check'], { stdio: 'pipe' });
  });

  it('every tool is complete, and the schemas match the snapshots', async () => {
    expect(inventoryProblems(server(['--toolsets', 'all']))).toEqual([]);
    expect(await toolSnapshotProblems(server(['--toolsets', 'all']), here)).toEqual([]);
  });

  it.each([
    [[], ['greet', 'save_note']],
    [['--read-only'], ['greet']],
    [['--exclude-tools', 'greet'], ['save_note']],
  ])('exposes exactly the right tools with %j', (argv, names) => {
    expect(server(argv).tools.map((t) => t.name)).toEqual(names);
  });
});

describe.each(['legacy', 'modern'] as const)('template tools (%s era)', (era) => {
  it('greet returns text and structured content', async () => {
    const client = await connect(server(['--greeting', 'Hi']), { era });
    const result = await client.call('greet', { name: 'Ada', shout: true });
    expect(client.textOf(result)).toBe('HI, ADA!');
    expect(result.structuredContent).toEqual({ greeting: 'HI, ADA!' });
    const bad = await client.call('greet', { name: '' });
    expect(bad.isError).toBe(true);
    expect(client.textOf(bad)).toMatch(/name: .*Too small/);
    await client.close();
  });

  it('save_note writes inside the root, refuses overwrite and escapes, writing nothing outside', async () => {
    const base = await tempDir();
    const root = path.join(base, 'notes');
    await fs.mkdir(root);
    await fs.symlink(base, path.join(root, 'up'));
    const client = await connect(server([root]), { era });

    const ok = await client.call('save_note', { path: 'a/b.txt', text: 'one' });
    expect(ok.structuredContent).toEqual({ path: path.join(root, 'a/b.txt'), bytes: 3 });
    expect(await fs.readFile(path.join(root, 'a/b.txt'), 'utf8')).toBe('one');

    const again = await client.call('save_note', { path: 'a/b.txt', text: 'two' });
    expect(client.textOf(again)).toMatch(/^\[conflict\] .*already exists\.\nFix: Pass overwrite: true/);
    expect(await fs.readFile(path.join(root, 'a/b.txt'), 'utf8')).toBe('one');
    await client.call('save_note', { path: 'a/b.txt', text: 'two', overwrite: true });
    expect(await fs.readFile(path.join(root, 'a/b.txt'), 'utf8')).toBe('two');

    for (const outsidePath of [
      '../escaped.txt',
      path.join(base, 'escaped.txt'),
      'up/escaped.txt',
      `${root}2/x.txt`,
    ]) {
      const denied = await client.call('save_note', { path: outsidePath, text: 'x' });
      expect(denied.isError).toBe(true);
      expect(client.textOf(denied)).toMatch(/^\[access_denied\]/);
    }
    expect((await fs.readdir(base)).sort()).toEqual(['notes']);
    await client.close();
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { fsClient } from './helpers.js';

async function workspace() {
  const base = await tempDir({
    'root/b.txt': '',
    'root/a/z.md': '',
    'root/a/deep/er.md': '',
    'root/empty/.keep': '',
    'root/node_modules/dep/index.js': '',
    'root/.gitignore': '*.log\n',
    'root/a/trace.log': '',
    'root/.env': 'SECRET=1',
    'root/home/.ssh/id_rsa': 'key',
    'outside/secret.txt': 'secret',
  });
  const root = path.join(base, 'root');
  await fs.symlink(path.join(base, 'outside'), path.join(root, 'out'));
  await fs.symlink('.', path.join(root, 'a/self'));
  return { base, root };
}

describe.each(['legacy', 'modern'] as const)('directory_tree (%s)', (era) => {
  it('prints indented text, folders ending in /, symlinks marked and not followed', async () => {
    const { root } = await workspace();
    const client = await fsClient([root], era);
    const result = await client.call('directory_tree', {
      path: root,
      excludePatterns: ['node_modules', '.keep'],
    });
    expect(client.textOf(result)).toBe(
      [
        `${root}/`,
        '  .gitignore',
        '  a/',
        '    deep/',
        '      er.md',
        '    self (symlink)',
        '    z.md',
        '  b.txt',
        '  empty/',
        '  home/',
        '  out (symlink)',
      ].join('\n'),
    );
    expect(result.structuredContent).toEqual({ root, entries: 10, truncated: false, unexpanded: 0 });
    await client.close();
  });

  it('returns minified JSON of {name, type, children} with format json', async () => {
    const { root } = await workspace();
    const client = await fsClient([root], era);
    const result = await client.call('directory_tree', {
      path: 'a',
      format: 'json',
      respectGitignore: false,
    });
    const text = client.textOf(result);
    expect(text).not.toContain('\n');
    expect(JSON.parse(text)).toEqual([
      { name: 'deep', type: 'directory', children: [{ name: 'er.md', type: 'file' }] },
      { name: 'self', type: 'symlink' },
      { name: 'trace.log', type: 'file' },
      { name: 'z.md', type: 'file' },
    ]);
    await client.close();
  });
});

describe('directory_tree', () => {
  it('stops at maxDepth and says which folders were not expanded', async () => {
    const { root } = await workspace();
    const client = await fsClient([root]);
    const result = await client.call('directory_tree', {
      path: root,
      maxDepth: 1,
      excludePatterns: ['/a', 'empty', 'home', '.gitignore'],
    });
    expect(client.textOf(result)).toBe(
      `${root}/\n  b.txt\n  node_modules/\n  out (symlink)\n[1 folders at depth 1 not expanded: raise maxDepth or show one of them]`,
    );
    expect(result.structuredContent).toMatchObject({ entries: 3, unexpanded: 1 });
    await client.close();
  });

  it('keeps a 5,000-file tree in text under a third of the reference’s pretty JSON (json: under half)', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 5000 }, (_, i) => [`pkg${i % 10}/module${i % 50}/source-file-${i}.ts`, '']),
    );
    const root = await tempDir(files);
    const client = await fsClient([root, '--max-response-chars', '10000000']);
    const text = client.textOf(await client.call('directory_tree', { path: root }));
    const json = client.textOf(await client.call('directory_tree', { path: root, format: 'json' }));
    const reference = JSON.stringify(JSON.parse(json), null, 2); // the reference's shape and indentation
    expect(text.split('\n')).toHaveLength(1 + 10 + 50 + 5000); // root, pkg*, module*, files
    expect(text.length * 3).toBeLessThan(reference.length);
    expect(json.length * 2).toBeLessThan(reference.length);
    await client.close();
  });

  it('refuses a start outside the roots, through a symlink, or in a sibling sharing the prefix', async () => {
    const { base, root } = await workspace();
    await fs.mkdir(`${root}-sibling`);
    const client = await fsClient([root]);
    for (const start of [base, path.join(root, 'out'), `${root}-sibling`, '../outside']) {
      const result = await client.call('directory_tree', { path: start });
      expect(client.textOf(result)).toMatch(/^\[access_denied\]/);
    }
    const denied = await client.call('directory_tree', { path: 'home/.ssh' });
    expect(client.textOf(denied)).toMatch(/^\[access_denied\] .* deny list/);
    await client.close();
  });
});

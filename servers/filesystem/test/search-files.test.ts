import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { fsClient } from './helpers.js';

async function workspace() {
  const base = await tempDir({
    'root/README.md': '',
    'root/docs/guide.md': '',
    'root/docs/api/index.md': '',
    'root/src/main.ts': '',
    'root/src/util/strings.ts': '',
    'root/src/util/strings.test.ts': '',
    'root/node_modules/dep/README.md': '',
    'root/.gitignore': 'build/\n',
    'root/build/out.md': '',
    'root/.env': 'SECRET=1',
    'root/home/.ssh/config.md': '',
    'outside/leak.md': '',
  });
  const root = path.join(base, 'root');
  await fs.symlink(path.join(base, 'outside'), path.join(root, 'out'));
  await fs.symlink(root, path.join(root, 'docs/loop'));
  return { base, root };
}

describe.each(['legacy', 'modern'] as const)('search_files (%s)', (era) => {
  it('matches names at any depth without a slash and relative paths with one', async () => {
    const { root } = await workspace();
    const client = await fsClient([root], era);
    const byName = await client.call('search_files', { path: root, pattern: '*.md' });
    const expected = ['README.md', 'docs/api/index.md', 'docs/guide.md', 'node_modules/dep/README.md'];
    expect(client.textOf(byName)).toBe(expected.map((p) => path.join(root, p)).join('\n'));
    expect(byName.structuredContent).toEqual({
      matches: expected.map((p) => path.join(root, p)),
      truncated: false,
    });
    const byPath = await client.call('search_files', { path: 'src', pattern: '**/*.ts' });
    expect(byPath.structuredContent).toMatchObject({
      matches: ['main.ts', 'util/strings.test.ts', 'util/strings.ts'].map((p) => path.join(root, 'src', p)),
    });
    const folders = await client.call('search_files', { path: root, pattern: 'util' });
    expect(client.textOf(folders)).toBe(path.join(root, 'src/util'));
    await client.close();
  });

  it('applies excludePatterns by name and by path, and .gitignore unless told not to', async () => {
    const { root } = await workspace();
    const client = await fsClient([root], era);
    const excluded = await client.call('search_files', {
      path: root,
      pattern: '*.md',
      excludePatterns: ['node_modules', 'docs/api/**'],
    });
    expect(client.textOf(excluded)).toBe(
      [path.join(root, 'README.md'), path.join(root, 'docs/guide.md')].join('\n'),
    );
    const everything = await client.call('search_files', {
      path: root,
      pattern: 'out.md',
      respectGitignore: false,
    });
    expect(client.textOf(everything)).toBe(path.join(root, 'build/out.md'));
    const none = await client.call('search_files', { path: root, pattern: 'out.md' });
    expect(client.textOf(none)).toBe('No matches found');
    await client.close();
  });
});

describe('search_files', () => {
  it('cuts at maxResults with a marker saying how to narrow', async () => {
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i % 3}/f${i}.txt`, '']));
    const root = await tempDir(files);
    const client = await fsClient([root]);
    const result = await client.call('search_files', { path: root, pattern: '*.txt', maxResults: 10 });
    const lines = client.textOf(result).split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toMatch(/^\[more matched: 10 of them are shown\. Narrow the pattern.*maxResults/);
    expect(result.structuredContent).toMatchObject({ truncated: true });
    expect((result.structuredContent as { matches: string[] }).matches).toHaveLength(10);
    await client.close();
  });

  it('never returns denied entries, .git, or anything behind a symlink', async () => {
    const { root } = await workspace();
    await fs.mkdir(path.join(root, '.git'));
    await fs.writeFile(path.join(root, '.git/HEAD'), 'ref');
    const client = await fsClient([root]);
    const result = await client.call('search_files', { path: root, pattern: '**', respectGitignore: false });
    const text = client.textOf(result);
    for (const hidden of ['.env', '.ssh', 'leak.md', '/.git\n', '.git/', 'loop/'])
      expect(text).not.toContain(hidden);
    expect(text).toContain(path.join(root, 'out'));
    expect(text).toContain(path.join(root, 'docs/loop'));
    await client.close();
  });

  it('refuses a start outside the roots, through a symlink, or in a sibling sharing the prefix', async () => {
    const { base, root } = await workspace();
    await fs.mkdir(`${root}-sibling`);
    const client = await fsClient([root]);
    for (const start of [base, path.join(root, 'out'), `${root}-sibling`]) {
      const result = await client.call('search_files', { path: start, pattern: '*' });
      expect(result.isError).toBe(true);
      expect(client.textOf(result)).toMatch(/^\[access_denied\]/);
    }
    const file = await client.call('search_files', { path: 'README.md', pattern: '*' });
    expect(client.textOf(file)).toMatch(/^\[invalid_input\] .* is not a directory/);
    const empty = await client.call('search_files', { path: root, pattern: ' ' });
    expect(client.textOf(empty)).toMatch(/^\[invalid_input\] pattern is empty/);
    await client.close();
  });
});

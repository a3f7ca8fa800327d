import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';

describe.each(['legacy', 'modern'] as const)('git_reset (%s)', (era) => {
  it('unstages everything, or only some files, and keeps the working tree', async () => {
    const repo = await makeRepo([{ 'a.txt': 'a\n', 'b.txt': 'b\n' }]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'a2\n');
    await fs.writeFile(path.join(repo, 'b.txt'), 'b2\n');
    await fs.writeFile(path.join(repo, 'c.txt'), 'c\n');
    git(repo, 'add', '-A');
    const client = await gitClient([repo], era);
    const some = await client.call('git_reset', { files: ['b.txt'] });
    expect(some.structuredContent).toEqual({ unstaged: [{ path: 'b.txt', change: 'modified' }] });
    expect(git(repo, 'diff', '--cached', '--name-only')).toBe('a.txt\nc.txt\n');
    const all = await client.call('git_reset');
    expect(all.structuredContent).toEqual({
      unstaged: [
        { path: 'a.txt', change: 'modified' },
        { path: 'c.txt', change: 'added' },
      ],
    });
    expect(client.textOf(all)).toBe('Unstaged (2):\n  modified: a.txt\n  added: c.txt');
    expect(git(repo, 'diff', '--cached', '--name-only')).toBe('');
    expect(await fs.readFile(path.join(repo, 'a.txt'), 'utf8')).toBe('a2\n');
    expect(await fs.readFile(path.join(repo, 'c.txt'), 'utf8')).toBe('c\n');
    expect(client.textOf(await client.call('git_reset'))).toBe('Nothing was staged.');
    await client.close();
  });
});

describe('git_reset edge cases and bad input', () => {
  it('works before the first commit and leaves a merge in progress alone', async () => {
    const fresh = await makeRepo([]);
    await fs.writeFile(path.join(fresh, 'new.txt'), 'n\n');
    git(fresh, 'add', 'new.txt');
    const client = await gitClient([fresh]);
    expect((await client.call('git_reset')).structuredContent).toEqual({
      unstaged: [{ path: 'new.txt', change: 'added' }],
    });
    expect(git(fresh, 'status', '--porcelain')).toBe('?? new.txt\n');
    await client.close();

    const repo = await makeRepo([{ 'a.txt': 'a\n' }]);
    git(repo, 'checkout', '-q', '-b', 'other');
    await fs.writeFile(path.join(repo, 'b.txt'), 'b\n');
    git(repo, 'add', 'b.txt');
    git(repo, 'commit', '-q', '-m', 'other');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'merge', '-q', '--no-ff', '--no-commit', 'other');
    const merging = await gitClient([repo]);
    await merging.call('git_reset');
    expect(git(repo, 'rev-parse', '--verify', 'MERGE_HEAD')).toMatch(/^[0-9a-f]{40}\n$/);
    await merging.close();
  });

  it('refuses files outside the repository and option-looking files, unstaging nothing', async () => {
    const repo = await makeRepo([{ 'a.txt': 'a\n' }]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'a2\n');
    git(repo, 'add', 'a.txt');
    const client = await gitClient([path.dirname(repo)]);
    for (const file of ['../x', '/etc/hosts']) {
      const result = await client.call('git_reset', { repo_path: repo, files: [file] });
      expect(client.textOf(result)).toMatch(/^\[access_denied\]/);
    }
    for (const file of ['--hard', '-q', '--end-of-options']) {
      const result = await client.call('git_reset', { repo_path: repo, files: [file] });
      expect(client.textOf(result)).toBe(`Nothing staged under ${file}.`);
    }
    expect((await client.call('git_reset', { repo_path: repo, files: [] })).isError).toBe(true);
    expect(git(repo, 'diff', '--cached', '--name-only')).toBe('a.txt\n');
    expect(await fs.readFile(path.join(repo, 'a.txt'), 'utf8')).toBe('a2\n');
    await client.close();
  });
});

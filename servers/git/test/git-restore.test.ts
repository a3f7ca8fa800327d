import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';

const read = (repo: string, file: string) => fs.readFile(path.join(repo, file), 'utf8');

describe.each(['legacy', 'modern'] as const)('git_restore (%s)', (era) => {
  it('refuses without confirm, listing the files, then discards their working-tree changes', async () => {
    const repo = await makeRepo([{ 'a.txt': 'a\n', 'b.txt': 'b\n', 'src/c.txt': 'c\n' }]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'a2\n');
    await fs.writeFile(path.join(repo, 'b.txt'), 'b2\n');
    await fs.writeFile(path.join(repo, 'src/c.txt'), 'c2\n');
    await fs.writeFile(path.join(repo, 'src/new.txt'), 'untracked\n');
    const client = await gitClient([repo], era);
    const refused = await client.call('git_restore', { paths: ['a.txt', 'src'] });
    expect(client.textOf(refused)).toBe(
      '[invalid_input] git_restore needs confirm: true. It would discard the changes to 2 file(s), restoring them from the index: a.txt, src/c.txt.\nFix: Check them with git_diff_unstaged or git_diff_staged, keep what you need, then call again with confirm: true.',
    );
    expect(await read(repo, 'a.txt')).toBe('a2\n');
    const done = await client.call('git_restore', { paths: ['a.txt', 'src'], confirm: true });
    expect(done.structuredContent).toEqual({ restored: ['a.txt', 'src/c.txt'] });
    expect([await read(repo, 'a.txt'), await read(repo, 'src/c.txt'), await read(repo, 'b.txt')]).toEqual([
      'a\n',
      'c\n',
      'b2\n',
    ]);
    expect(await read(repo, 'src/new.txt')).toBe('untracked\n');
    expect(client.textOf(await client.call('git_restore', { paths: ['a.txt'] }))).toBe(
      'Nothing to restore: a.txt already matches the index.',
    );
    await client.close();
  });
});

describe('git_restore staged and source', () => {
  it('keeps the staged version by default, goes back to HEAD with staged, or to source', async () => {
    const repo = await makeRepo([{ 'a.txt': 'one\n' }, { 'a.txt': 'two\n' }]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'staged\n');
    git(repo, 'add', 'a.txt');
    await fs.writeFile(path.join(repo, 'a.txt'), 'unstaged\n');
    const client = await gitClient([repo]);
    await client.call('git_restore', { paths: ['a.txt'], confirm: true });
    expect(await read(repo, 'a.txt')).toBe('staged\n');
    await fs.writeFile(path.join(repo, 'new.txt'), 'only staged\n');
    git(repo, 'add', 'new.txt');
    const refused = await client.call('git_restore', { paths: ['.'], staged: true });
    expect(client.textOf(refused)).toMatch(/2 file\(s\), restoring them from HEAD: a.txt, new.txt\./);
    await client.call('git_restore', { paths: ['.'], staged: true, confirm: true });
    expect(existsSync(path.join(repo, 'new.txt'))).toBe(false);
    expect(await read(repo, 'a.txt')).toBe('two\n');
    expect(git(repo, 'status', '--porcelain')).toBe('');
    const old = await client.call('git_restore', { paths: ['a.txt'], source: 'HEAD~1', confirm: true });
    expect(client.textOf(old)).toBe('Restored 1 file(s) from HEAD~1: a.txt.');
    expect(await read(repo, 'a.txt')).toBe('one\n');
    expect(git(repo, 'diff', '--cached', '--name-only')).toBe('');
    await client.close();
  });

  it('refuses untracked and outside paths, unknown and option-looking sources, changing nothing', async () => {
    const repo = await makeRepo([{ 'a.txt': 'a\n' }]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'keep me\n');
    await fs.writeFile(path.join(repo, 'untracked.txt'), 'u\n');
    const marker = path.join(await tempDir(), 'pwned');
    const client = await gitClient([path.dirname(repo)]);
    const call = (args: Record<string, unknown>) =>
      client.call('git_restore', { repo_path: repo, confirm: true, ...args }).then((r) => client.textOf(r));
    expect(await call({ paths: ['untracked.txt'] })).toMatch(
      /^\[not_found\] paths: pathspec 'untracked.txt' did not match .* only restores files git tracks/,
    );
    expect(await call({ paths: ['../elsewhere'] })).toMatch(/^\[access_denied\]/);
    expect(await call({ paths: ['/etc/hosts'] })).toMatch(/^\[access_denied\]/);
    expect(await call({ paths: ['a.txt'], source: 'nope' })).toMatch(
      /^\[not_found\] source "nope" does not name a commit/,
    );
    for (const source of [
      `--output=${marker}`,
      `-c core.sshCommand=touch ${marker}`,
      '--staged',
      'HEAD --worktree',
    ]) {
      expect(await call({ paths: ['a.txt'], source })).toMatch(
        /^\[invalid_input\] source ".*" is not a revision/,
      );
    }
    for (const p of ['--source=HEAD', `--output=${marker}`, '-W']) {
      expect(await call({ paths: [p] })).toMatch(/^\[not_found\] paths: pathspec '-/);
    }
    expect((await client.call('git_restore', { repo_path: repo, paths: [], confirm: true })).isError).toBe(
      true,
    );
    expect(await read(repo, 'a.txt')).toBe('keep me\n');
    expect(existsSync(marker)).toBe(false);
    await client.close();
  });
});

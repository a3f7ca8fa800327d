import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';

const staged = (repo: string) => git(repo, 'diff', '--cached', '--name-status');

describe.each(['legacy', 'modern'] as const)('git_add (%s)', (era) => {
  it('stages new, modified and deleted files and returns what is staged under them', async () => {
    const repo = await makeRepo([
      { 'a.txt': 'a\n', 'gone.txt': 'g\n', 'keep.txt': 'k\n', 'same.txt': 's\n' },
    ]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'changed\n');
    await fs.rm(path.join(repo, 'gone.txt'));
    await fs.mkdir(path.join(repo, 'src'));
    await fs.writeFile(path.join(repo, 'src', 'new file.ts'), 'x\n');
    await fs.writeFile(path.join(repo, 'keep.txt'), 'not staged\n');
    const client = await gitClient([repo], era);
    const result = await client.call('git_add', { files: ['a.txt', 'gone.txt', 'src'] });
    expect(result.structuredContent).toEqual({
      staged: [
        { path: 'a.txt', change: 'modified' },
        { path: 'gone.txt', change: 'deleted' },
        { path: 'src/new file.ts', change: 'added' },
      ],
      ignored: [],
    });
    expect(client.textOf(result)).toBe(
      'Staged (3):\n  modified: a.txt\n  deleted: gone.txt\n  added: src/new file.ts',
    );
    expect(staged(repo)).not.toContain('keep.txt');
    const all = await client.call('git_add', { files: ['.'] });
    expect(all.structuredContent).toMatchObject({
      staged: expect.arrayContaining([{ path: 'keep.txt', change: 'modified' }]),
    });
    const again = await client.call('git_add', { files: ['same.txt'] });
    expect(client.textOf(again)).toBe('Nothing staged under same.txt: no changes there.');
    await client.close();
  });
});

describe('git_add bad input', () => {
  it('stages the rest and reports ignored files; refuses unknown files, staging nothing', async () => {
    const repo = await makeRepo([{ '.gitignore': '*.log\n' }]);
    await fs.writeFile(path.join(repo, 'debug.log'), 'l\n');
    await fs.writeFile(path.join(repo, 'ok.txt'), 'o\n');
    const client = await gitClient([repo]);
    const result = await client.call('git_add', { files: ['ok.txt', 'debug.log'] });
    expect(result.structuredContent).toEqual({
      staged: [{ path: 'ok.txt', change: 'added' }],
      ignored: ['debug.log'],
    });
    expect(client.textOf(result)).toContain('Not staged, ignored by .gitignore: debug.log');
    git(repo, 'reset', '-q');
    const missing = await client.call('git_add', { files: ['ok.txt', 'nope.txt'] });
    expect(client.textOf(missing)).toMatch(
      /^\[not_found\] files: pathspec 'nope.txt' did not match any files/,
    );
    expect(staged(repo)).toBe('');
    expect((await client.call('git_add', { files: [] })).isError).toBe(true);
    await client.close();
  });

  it('refuses paths outside the repository and never reads a path as an option', async () => {
    const base = await tempDir();
    const repo = await makeRepo(undefined, path.join(base, 'repo'));
    await fs.writeFile(path.join(base, 'outside.txt'), 'o\n');
    await fs.writeFile(path.join(repo, 'in.txt'), 'i\n');
    await fs.symlink(base, path.join(repo, 'link'));
    const client = await gitClient([base]);
    for (const file of [
      '../outside.txt',
      path.join(base, 'outside.txt'),
      '/etc/passwd',
      'link/outside.txt',
    ]) {
      const result = await client.call('git_add', { repo_path: repo, files: ['in.txt', file] });
      expect(client.textOf(result)).toMatch(/^\[access_denied\]/);
    }
    expect(staged(repo)).toBe('');
    const marker = path.join(base, 'pwned');
    for (const file of [
      `--output=${marker}`,
      `-c core.sshCommand=touch ${marker}`,
      `--upload-pack=touch ${marker}`,
    ]) {
      const result = await client.call('git_add', { repo_path: repo, files: [file] });
      expect(client.textOf(result)).toMatch(/^\[not_found\] files: pathspec '-/);
    }
    await fs.writeFile(path.join(repo, '--force'), 'a file named --force\n');
    const literal = await client.call('git_add', { repo_path: repo, files: ['--force'] });
    expect(literal.structuredContent).toEqual({
      staged: [{ path: '--force', change: 'added' }],
      ignored: [],
    });
    expect(existsSync(marker)).toBe(false);
    await client.close();
  });
});

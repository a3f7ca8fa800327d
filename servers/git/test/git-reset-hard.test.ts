import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';

const head = (repo: string) => git(repo, 'rev-parse', 'HEAD').trim();

describe.each(['legacy', 'modern'] as const)('git_reset_hard (%s)', (era) => {
  it('refuses without confirm, naming what would be lost, then discards it with confirm', async () => {
    const repo = await makeRepo([{ 'a.txt': 'a\n', 'b.txt': 'b\n' }]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'unsaved\n');
    await fs.writeFile(path.join(repo, 'b.txt'), 'staged\n');
    git(repo, 'add', 'b.txt');
    await fs.writeFile(path.join(repo, 'untracked.txt'), 'u\n');
    const client = await gitClient([repo], era);
    const refused = await client.call('git_reset_hard', {});
    expect(client.textOf(refused)).toBe(
      '[invalid_input] git_reset_hard needs confirm: true. It would discard the uncommitted changes to 2 files: a.txt, b.txt.\nFix: Commit or stash what you want to keep, then call again with confirm: true.',
    );
    expect(await fs.readFile(path.join(repo, 'a.txt'), 'utf8')).toBe('unsaved\n');
    expect(git(repo, 'diff', '--cached', '--name-only')).toBe('b.txt\n');
    const done = await client.call('git_reset_hard', { confirm: true });
    expect(done.structuredContent).toEqual({
      hash: head(repo),
      branch: 'main',
      discarded: ['a.txt', 'b.txt'],
      overwritten: [],
      commits_left: 0,
    });
    expect(git(repo, 'status', '--porcelain')).toBe('?? untracked.txt\n');
    await client.close();
  });
});

describe('git_reset_hard to another revision', () => {
  it('counts the commits left behind and untracked files the target would overwrite', async () => {
    const repo = await makeRepo([{ 'a.txt': '1\n' }, { 'later.txt': 'l\n' }, { 'a.txt': '3\n' }]);
    git(repo, 'rm', '-q', 'later.txt');
    git(repo, 'commit', '-q', '-m', 'drop later');
    const first = git(repo, 'rev-parse', 'HEAD~3').trim();
    git(repo, 'tag', 'v1', first);
    await fs.writeFile(path.join(repo, 'later.txt'), 'my untracked copy\n');
    const client = await gitClient([repo]);
    const text = client.textOf(await client.call('git_reset_hard', { target: 'HEAD~2', confirm: false }));
    expect(text).toMatch(
      /would discard no uncommitted changes; overwrite 1 untracked file\(s\) with target's version: later.txt; move main to HEAD~2, leaving 2 commit\(s\) off it/,
    );
    expect(await fs.readFile(path.join(repo, 'later.txt'), 'utf8')).toBe('my untracked copy\n');
    const done = await client.call('git_reset_hard', { target: 'v1', confirm: true });
    expect(done.structuredContent).toMatchObject({ hash: first, commits_left: 3, overwritten: [] });
    expect(head(repo)).toBe(first);
    await client.close();
  });

  it('refuses unknown and option-looking targets, leaving the repository as it was', async () => {
    const repo = await makeRepo([{ 'a.txt': 'a\n' }, { 'a.txt': 'b\n' }]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'unsaved\n');
    const before = head(repo);
    const marker = path.join(await tempDir(), 'pwned');
    const client = await gitClient([repo]);
    expect(client.textOf(await client.call('git_reset_hard', { target: 'nope', confirm: true }))).toMatch(
      /^\[not_found\] target "nope" does not name a commit/,
    );
    for (const target of [
      `--output=${marker}`,
      `-c core.sshCommand=touch ${marker}`,
      '--merge',
      'HEAD --hard',
    ]) {
      const result = await client.call('git_reset_hard', { target, confirm: true });
      expect(client.textOf(result)).toMatch(/^\[invalid_input\] target ".*" is not a revision/);
    }
    expect(head(repo)).toBe(before);
    expect(await fs.readFile(path.join(repo, 'a.txt'), 'utf8')).toBe('unsaved\n');
    expect(existsSync(marker)).toBe(false);
    await client.close();
  });
});

import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';

const head = (repo: string) => git(repo, 'rev-parse', 'HEAD').trim();

describe.each(['legacy', 'modern'] as const)('git_commit (%s)', (era) => {
  it('commits what is staged and returns hash, branch, subject and files changed', async () => {
    const repo = await makeRepo();
    await fs.writeFile(path.join(repo, 'a.txt'), 'a\n');
    await fs.writeFile(path.join(repo, 'b.txt'), 'b\n');
    await fs.writeFile(path.join(repo, 'not-staged.txt'), 'n\n');
    git(repo, 'add', 'a.txt', 'b.txt');
    const client = await gitClient([repo], era);
    const result = await client.call('git_commit', { message: 'Add a and b\n\nWith a body.' });
    const hash = head(repo);
    expect(result.structuredContent).toEqual({
      hash,
      branch: 'main',
      subject: 'Add a and b',
      files_changed: 2,
    });
    expect(client.textOf(result)).toBe(
      `Committed ${hash.slice(0, 12)} on main: Add a and b (2 files changed)`,
    );
    expect(git(repo, 'log', '-1', '--format=%B%an')).toBe('Add a and b\n\nWith a body.\nAda Lovelace\n');
    expect(git(repo, 'status', '--porcelain')).toBe('?? not-staged.txt\n');
    await client.close();
  });

  it('amends an unpublished commit, and refuses to amend a pushed one', async () => {
    const repo = await makeRepo([{ 'a.txt': 'a\n' }, { 'b.txt': 'b\n' }]);
    const parent = git(repo, 'rev-parse', 'HEAD~1').trim();
    await fs.writeFile(path.join(repo, 'forgotten.txt'), 'f\n');
    git(repo, 'add', 'forgotten.txt');
    const client = await gitClient([repo], era);
    const amended = await client.call('git_commit', {
      message: 'Add b, and the forgotten file',
      amend: true,
    });
    expect(amended.structuredContent).toMatchObject({
      subject: 'Add b, and the forgotten file',
      files_changed: 2,
    });
    expect(git(repo, 'rev-parse', 'HEAD~1').trim()).toBe(parent);
    const remote = await tempDir();
    git(remote, 'init', '-q', '--bare');
    git(repo, 'remote', 'add', 'origin', remote);
    git(repo, 'push', '-q', 'origin', 'main');
    const before = head(repo);
    const refused = await client.call('git_commit', { message: 'rewrite', amend: true });
    expect(client.textOf(refused)).toMatch(
      /^\[conflict\] The last commit is already on origin\/main; amending it would rewrite published history/,
    );
    expect(head(repo)).toBe(before);
    await client.close();
  });
});

describe('git_commit refusals', () => {
  it('refuses when nothing is staged, pointing at git_add', async () => {
    const repo = await makeRepo();
    await fs.writeFile(path.join(repo, 'README.md'), 'changed but not staged\n');
    const client = await gitClient([repo]);
    const before = head(repo);
    const text = client.textOf(await client.call('git_commit', { message: 'empty' }));
    expect(text).toMatch(/^\[conflict\] Nothing is staged.*\nFix: Stage changes with git_add first/);
    expect(client.textOf(await client.call('git_commit', { message: '  \n ' }))).toMatch(
      /^\[invalid_input\] message is blank/,
    );
    expect(head(repo)).toBe(before);
    const fresh = await makeRepo([]);
    const second = await gitClient([fresh]);
    expect(client.textOf(await second.call('git_commit', { message: 'x', amend: true }))).toMatch(
      /^\[conflict\] There is no commit to amend/,
    );
    await fs.writeFile(path.join(fresh, 'first.txt'), 'f\n');
    git(fresh, 'add', 'first.txt');
    expect((await second.call('git_commit', { message: 'First' })).structuredContent).toMatchObject({
      files_changed: 1,
      branch: 'main',
    });
    await client.close();
    await second.close();
  });

  it('explains how to set an identity when none is configured anywhere', async () => {
    const repo = await makeRepo();
    git(repo, 'config', '--unset', 'user.name');
    git(repo, 'config', '--unset', 'user.email');
    await fs.writeFile(path.join(repo, 'a.txt'), 'a\n');
    git(repo, 'add', 'a.txt');
    const before = head(repo);
    const home = await tempDir();
    const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
    // git reads the global config from $HOME and $XDG_CONFIG_HOME; the server passes its own env on.
    Object.assign(process.env, { HOME: home, XDG_CONFIG_HOME: home });
    const client = await gitClient([repo]);
    try {
      const text = client.textOf(await client.call('git_commit', { message: 'who am I' }));
      expect(text).toMatch(
        /^\[invalid_input\] git has no author identity.*\nFix: Set them once with `git config --global user.name/,
      );
    } finally {
      await client.close();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(head(repo)).toBe(before);
  });

  it('takes option-looking messages literally and reports a hook that refuses silently', async () => {
    const repo = await makeRepo();
    const marker = path.join(await tempDir(), 'pwned');
    const client = await gitClient([repo]);
    for (const message of [
      '--amend',
      `-c core.sshCommand=touch ${marker}`,
      `--upload-pack=touch ${marker}`,
      `--output=${marker}`,
    ]) {
      await fs.appendFile(path.join(repo, 'README.md'), 'more\n');
      git(repo, 'add', 'README.md');
      const result = await client.call('git_commit', { message });
      expect(result.structuredContent).toMatchObject({ subject: message });
    }
    expect(git(repo, 'rev-list', '--count', 'HEAD')).toBe('5\n');
    expect(existsSync(marker)).toBe(false);
    await fs.writeFile(path.join(repo, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\nexit 1\n', {
      mode: 0o755,
    });
    await fs.appendFile(path.join(repo, 'README.md'), 'refused\n');
    git(repo, 'add', 'README.md');
    const refused = await client.call('git_commit', { message: 'blocked' });
    expect(client.textOf(refused)).toMatch(/^\[upstream\] git did not create a commit/);
    expect(git(repo, 'rev-list', '--count', 'HEAD')).toBe('5\n');
    await client.close();
  });
});

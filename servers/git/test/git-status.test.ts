import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';

describe.each(['legacy', 'modern'] as const)('git_status (%s)', (era) => {
  it('lists staged, unstaged and untracked changes with their kinds', async () => {
    const repo = await makeRepo([{ 'README.md': '# r\n', 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' }]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'changed\n');
    git(repo, 'add', 'a.txt');
    await fs.writeFile(path.join(repo, 'b.txt'), 'changed too\n');
    await fs.rm(path.join(repo, 'c.txt'));
    git(repo, 'mv', 'README.md', 'READ ME.md');
    await fs.writeFile(path.join(repo, 'new file.txt'), 'n\n');
    const client = await gitClient([repo], era);
    const result = await client.call('git_status');
    expect(result.structuredContent).toEqual({
      branch: 'main',
      upstream: null,
      ahead: 0,
      behind: 0,
      staged: [
        { path: 'READ ME.md', change: 'renamed', from: 'README.md' },
        { path: 'a.txt', change: 'modified' },
      ],
      unstaged: [
        { path: 'b.txt', change: 'modified' },
        { path: 'c.txt', change: 'deleted' },
      ],
      untracked: ['new file.txt'],
    });
    expect(client.textOf(result)).toMatch(/^On main\nStaged \(2\):\n {2}renamed: READ ME\.md/);
    await client.close();
  });
});

describe('repository confinement', () => {
  it('refuses repositories outside, siblings sharing the prefix, and symlinks leading out', async () => {
    const base = await tempDir();
    const root = path.join(base, 'code');
    const inside = await makeRepo(undefined, path.join(root, 'app'));
    await makeRepo(undefined, path.join(base, 'code2', 'other'));
    await makeRepo(undefined, path.join(base, 'outside'));
    await fs.symlink(path.join(base, 'outside'), path.join(root, 'link'));
    const client = await gitClient([root]);
    expect((await client.call('git_status', { repo_path: inside })).isError).toBeFalsy();
    for (const repoPath of [
      path.join(base, 'outside'),
      path.join(base, 'code2', 'other'),
      path.join(root, 'link'),
      `${root}/../outside`,
    ]) {
      expect(client.textOf(await client.call('git_status', { repo_path: repoPath }))).toMatch(
        /^\[access_denied\]/,
      );
    }
    const noRepo = await client.call('git_status', { repo_path: root });
    expect(client.textOf(noRepo)).toMatch(/^\[invalid_input\] .* is not inside a git repository/);
    await client.close();
  });

  it('refuses a folder inside the root whose repository top level lies outside', async () => {
    const base = await tempDir();
    const outer = await makeRepo(undefined, path.join(base, 'outer'));
    await fs.mkdir(path.join(outer, 'sub'));
    const client = await gitClient([path.join(outer, 'sub')]);
    expect(client.textOf(await client.call('git_status'))).toMatch(
      /^\[access_denied\] .*repository at .*outer, which is outside/,
    );
    await client.close();
  });

  it('needs repo_path with several roots, not with one, and refuses everything with none', async () => {
    const a = await makeRepo();
    const b = await makeRepo();
    const two = await gitClient([a, b]);
    expect(two.textOf(await two.call('git_status'))).toMatch(/^\[invalid_input\] repo_path is required/);
    await two.close();
    const none = await gitClient([]);
    expect(none.textOf(await none.call('git_status', { repo_path: a }))).toMatch(
      /No allowed directories.*\nFix: Start the server with the directories/s,
    );
    await none.close();
    const viaFlag = await gitClient(['--repository', a]);
    expect((await viaFlag.call('git_status')).structuredContent).toMatchObject({ branch: 'main' });
    await viaFlag.close();
  });
});

describe('programs named by a repository config', () => {
  it('git_status does not run a core.fsmonitor hook', async () => {
    const repo = await makeRepo();
    const canary = path.join(await tempDir(), 'ran');
    const hook = path.join(repo, '.git', 'monitor.sh');
    await fs.writeFile(hook, `#!/bin/sh\ntouch ${canary}\n`, { mode: 0o755 });
    git(repo, 'config', 'core.fsmonitor', hook);
    const client = await gitClient([repo]);
    expect((await client.call('git_status')).isError).toBeFalsy();
    await expect(fs.access(canary)).rejects.toThrow();
    await client.close();
  });
});

describe('remembered repository top levels', () => {
  it('notice a repository created below, or removed, since the last call', async () => {
    const repo = await makeRepo();
    const sub = path.join(repo, 'sub');
    await fs.mkdir(sub);
    const client = await gitClient([repo]);
    expect((await client.call('git_status', { repo_path: sub })).structuredContent).toMatchObject({
      branch: 'main',
    });
    git(sub, 'init', '-q', '-b', 'nested');
    expect((await client.call('git_status', { repo_path: sub })).structuredContent).toMatchObject({
      branch: 'nested',
    });
    await fs.rm(path.join(sub, '.git'), { recursive: true });
    await fs.rm(path.join(repo, '.git'), { recursive: true });
    expect(client.textOf(await client.call('git_status', { repo_path: sub }))).toMatch(
      /not inside a git repository/,
    );
    await client.close();
  });
});

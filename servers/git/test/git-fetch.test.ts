import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitCall } from '../src/lib/git.js';
import { git, gitClient, writeAndCommit } from './helpers.js';
import { expectEmpty, remoteWorld, repoState } from './remote-fixtures.js';

const REMOTE = ['--toolsets', 'default,remote'];

describe.each(['legacy', 'modern'] as const)('git_fetch (%s)', (era) => {
  it('reports new and updated remote-tracking branches and tags, leaving the work tree alone', async () => {
    const { root, work, other } = await remoteWorld();
    const oldMain = git(work, 'rev-parse', 'HEAD').trim();
    writeAndCommit(other, { 'b.txt': 'b\n' }, 'more');
    git(other, 'tag', 'v1');
    git(other, 'push', '-q', 'origin', 'main', 'v1', 'main:refs/heads/feature');
    const newMain = git(other, 'rev-parse', 'HEAD').trim();
    const client = await gitClient([...REMOTE, root], era);
    const result = await client.call('git_fetch', { repo_path: work });
    expect(result.structuredContent).toEqual({
      remote: 'origin',
      updated: [
        { ref: 'refs/remotes/origin/feature', change: 'new', old: null, new: newMain },
        { ref: 'refs/remotes/origin/main', change: 'updated', old: oldMain, new: newMain },
        { ref: 'refs/tags/v1', change: 'new', old: null, new: newMain },
      ],
    });
    expect(client.textOf(result)).toMatch(
      /^Fetched from origin: 3 ref\(s\) changed\.\n {2}new: origin\/feature/,
    );
    expect(git(work, 'rev-parse', 'HEAD').trim()).toBe(oldMain);
    const again = await client.call('git_fetch', { repo_path: work, remote: 'origin' });
    expect(client.textOf(again)).toBe('Fetched from origin: already up to date.');
    await client.close();
  });
});

describe('git_fetch', () => {
  it('fetches one branch, and says when it does not exist', async () => {
    const { root, work, other } = await remoteWorld();
    git(other, 'push', '-q', 'origin', 'main:refs/heads/a', 'main:refs/heads/b');
    const client = await gitClient([...REMOTE, root]);
    const one = await client.call('git_fetch', { repo_path: work, branch: 'a' });
    expect((one.structuredContent as { updated: { ref: string }[] }).updated.map((u) => u.ref)).toEqual([
      'refs/remotes/origin/a',
    ]);
    expect(client.textOf(await client.call('git_fetch', { repo_path: work, branch: 'nope' }))).toMatch(
      /^\[not_found\] branch "nope" does not exist on remote "origin"/,
    );
    await client.close();
  });

  it('refuses remotes leading outside (URL, insteadOf, symlink), ext:: remotes, unknown ones and upload-pack programs', async () => {
    const { root, work, outside, canary } = await remoteWorld();
    git(work, 'config', `url.file://${outside}.insteadOf`, 'alias:');
    git(work, 'remote', 'add', 'rewritten', 'alias:');
    git(work, 'remote', 'add', 'linked', path.join(root, 'link.git'));
    await fs.symlink(outside, path.join(root, 'link.git'));
    git(work, 'remote', 'add', 'helper', `ext::sh -c touch% ${canary}/pwned`);
    git(work, 'config', 'remote.origin.uploadpack', `touch ${canary}/pwned; git-upload-pack`);
    const before = repoState(work);
    const outsideRefs = git(outside, 'for-each-ref');
    const client = await gitClient([...REMOTE, root]);
    for (const remote of ['evil', 'rewritten', 'linked']) {
      expect(client.textOf(await client.call('git_fetch', { repo_path: work, remote }))).toMatch(
        new RegExp(`^\\[access_denied\\] remote "${remote}" URL ".*" leads outside the allowed directories`),
      );
    }
    expect(client.textOf(await client.call('git_fetch', { repo_path: work, remote: 'helper' }))).toMatch(
      /^\[invalid_input\] remote "helper" URL "ext::sh .*" is not allowed: the "ext::" transport/,
    );
    expect(client.textOf(await client.call('git_fetch', { repo_path: work }))).toMatch(
      /^\[access_denied\] The repository's config names a program to run for remote "origin"/,
    );
    expect(client.textOf(await client.call('git_fetch', { repo_path: work, remote: 'upstream' }))).toMatch(
      /^\[not_found\] remote "upstream" is not configured/,
    );
    expect(repoState(work)).toBe(before);
    expect(git(outside, 'for-each-ref')).toBe(outsideRefs);
    await expectEmpty(canary);
    await client.close();
  });

  it('refuses option-looking remotes and branches; --end-of-options keeps git from reading them as options', async () => {
    const { root, work, canary } = await remoteWorld();
    const before = repoState(work);
    const client = await gitClient([...REMOTE, root]);
    for (const remote of [
      `--upload-pack=touch ${canary}/x`,
      `-c core.sshCommand=touch ${canary}/x`,
      '--all',
    ]) {
      expect(client.textOf(await client.call('git_fetch', { repo_path: work, remote }))).toMatch(
        /^\[invalid_input\] remote ".*" is not a valid branch or tag name/,
      );
    }
    for (const branch of [`--output=${canary}/x`, '-q', 'a b', 'refs/heads/*:refs/heads/*']) {
      expect(client.textOf(await client.call('git_fetch', { repo_path: work, branch }))).toMatch(
        /^\[invalid_input\] branch /,
      );
    }
    const call = {
      state: { timeoutMs: 10_000, maxOutputBytes: 1e6, allowForcePush: false },
      signal: new AbortController().signal,
    };
    await expect(gitCall(work, call, (g) => g.raw(['fetch', '--end-of-options', '--all']))).rejects.toThrow(
      /strange pathname '--all' blocked|'--all' does not appear to be a git repository/,
    );
    expect(repoState(work)).toBe(before);
    await expectEmpty(canary);
    await client.close();
  });

  it('is in the remote toolset, off by default', async () => {
    const { root, work } = await remoteWorld();
    const client = await gitClient([root]);
    const names = (await client.client.listTools()).tools.map((t) => t.name);
    for (const name of ['git_fetch', 'git_pull', 'git_push']) expect(names).not.toContain(name);
    expect(names).toContain('git_clone');
    await expect(client.call('git_fetch', { repo_path: work })).rejects.toThrow(/Tool git_fetch not found/);
    await client.close();
  });
});

import { describe, expect, it } from 'vitest';
import { gitCall } from '../src/lib/git.js';
import { git, gitClient, writeAndCommit } from './helpers.js';
import { expectEmpty, remoteWorld, repoState } from './remote-fixtures.js';

const REMOTE = ['--toolsets', 'default,remote'];

describe.each(['legacy', 'modern'] as const)('git_pull (%s)', (era) => {
  it('fast-forwards the current branch to its upstream, then says it is up to date', async () => {
    const { root, work, other } = await remoteWorld();
    const before = git(work, 'rev-parse', 'HEAD').trim();
    writeAndCommit(other, { 'b.txt': 'b\n' }, 'two');
    writeAndCommit(other, { 'c.txt': 'c\n' }, 'three');
    git(other, 'push', '-q', 'origin', 'main');
    const after = git(other, 'rev-parse', 'HEAD').trim();
    const client = await gitClient([...REMOTE, root], era);
    const result = await client.call('git_pull', { repo_path: work });
    expect(result.structuredContent).toEqual({
      branch: 'main',
      remote: 'origin',
      before,
      after,
      commits: 2,
      merged: false,
    });
    expect(client.textOf(result)).toBe(
      `Pulled origin/main into main: ${before.slice(0, 7)}..${after.slice(0, 7)}, 2 new commit(s), fast-forward.`,
    );
    expect(git(work, 'rev-parse', 'HEAD').trim()).toBe(after);
    const again = await client.call('git_pull', { repo_path: work, branch: 'main' });
    expect(client.textOf(again)).toBe('main is already up to date with origin/main.');
    await client.close();
  });
});

describe('git_pull', () => {
  it('refuses to merge diverged histories unless ff_only is false', async () => {
    const { root, work, other } = await remoteWorld();
    writeAndCommit(other, { 'theirs.txt': 't\n' }, 'theirs');
    git(other, 'push', '-q', 'origin', 'main');
    writeAndCommit(work, { 'mine.txt': 'm\n' }, 'mine');
    const head = git(work, 'rev-parse', 'HEAD');
    const client = await gitClient([...REMOTE, root]);
    expect(client.textOf(await client.call('git_pull', { repo_path: work }))).toMatch(
      /^\[conflict\] The current branch and origin\/main have diverged.*\nFix: Pass ff_only: false/,
    );
    // The fetch half happened (origin/main moved, as with git pull); the branch did not move.
    expect([git(work, 'rev-parse', 'HEAD'), git(work, 'status', '--porcelain')]).toEqual([head, '']);
    const merged = await client.call('git_pull', { repo_path: work, ff_only: false });
    expect(merged.structuredContent).toMatchObject({ merged: true, commits: 2 });
    expect(git(work, 'log', '-1', '--format=%P').trim().split(' ')).toHaveLength(2);
    await client.close();
  });

  it('reports a conflicting merge as a conflict, with the merge left to resolve', async () => {
    const { root, work, other } = await remoteWorld();
    writeAndCommit(other, { 'README.md': 'theirs\n' }, 'theirs');
    git(other, 'push', '-q', 'origin', 'main');
    writeAndCommit(work, { 'README.md': 'mine\n' }, 'mine');
    const client = await gitClient([...REMOTE, root]);
    expect(client.textOf(await client.call('git_pull', { repo_path: work, ff_only: false }))).toMatch(
      /^\[conflict\] The merge stopped on conflicting changes.*\nFix: Resolve them/,
    );
    expect(git(work, 'ls-files', '-u')).toMatch(/README\.md/);
    await client.close();
  });

  it('needs a branch when the current one has no upstream; unknown branches are not_found', async () => {
    const { root, work } = await remoteWorld();
    git(work, 'switch', '-q', '-c', 'local-only');
    const client = await gitClient([...REMOTE, root]);
    expect(client.textOf(await client.call('git_pull', { repo_path: work }))).toMatch(
      /^\[invalid_input\] local-only has no upstream branch on remote "origin".*\nFix: Pass branch/,
    );
    expect(client.textOf(await client.call('git_pull', { repo_path: work, branch: 'nope' }))).toMatch(
      /^\[not_found\] branch "nope" does not exist on remote "origin"/,
    );
    await client.close();
  });

  it('refuses remotes outside and option-looking values, changing nothing', async () => {
    const { root, work, canary } = await remoteWorld();
    const before = repoState(work);
    const client = await gitClient([...REMOTE, root]);
    expect(client.textOf(await client.call('git_pull', { repo_path: work, remote: 'evil' }))).toMatch(
      /^\[access_denied\] remote "evil" .* leads outside the allowed directories/,
    );
    for (const [field, value] of [
      ['remote', `--upload-pack=touch ${canary}/x`],
      ['remote', '-c'],
      ['branch', '--rebase'],
      ['branch', `--output=${canary}/x`],
    ] as const) {
      expect(client.textOf(await client.call('git_pull', { repo_path: work, [field]: value }))).toMatch(
        new RegExp(`^\\[invalid_input\\] ${field} `),
      );
    }
    const call = {
      state: { timeoutMs: 10_000, maxOutputBytes: 1e6, allowForcePush: false },
      signal: new AbortController().signal,
    };
    // git_pull runs fetch and merge, not pull (which drops --end-of-options in git 2.39); both honour it.
    await expect(
      gitCall(work, call, (g) => g.raw(['merge', '--ff-only', '--end-of-options', '--abort'])),
    ).rejects.toThrow(/--abort - not something we can merge/);
    await expect(
      gitCall(work, call, (g) => g.raw(['fetch', '--end-of-options', 'origin', '--tags'])),
    ).rejects.toThrow(/couldn't find remote ref --tags/);
    expect(repoState(work)).toBe(before);
    await expectEmpty(canary);
    await client.close();
  });
});

import { describe, expect, it } from 'vitest';
import { gitCall } from '../src/lib/git.js';
import { git, gitClient, writeAndCommit } from './helpers.js';
import { expectEmpty, remoteWorld, repoState } from './remote-fixtures.js';

const REMOTE = ['--toolsets', 'default,remote'];
const tip = (bare: string, branch = 'main') => git(bare, 'rev-parse', branch).trim();

describe.each(['legacy', 'modern'] as const)('git_push (%s)', (era) => {
  it('pushes the current branch, then reports it up to date', async () => {
    const { root, work, origin } = await remoteWorld();
    const old = tip(origin);
    writeAndCommit(work, { 'b.txt': 'b\n' }, 'two');
    const head = git(work, 'rev-parse', 'HEAD').trim();
    const client = await gitClient([...REMOTE, root], era);
    const result = await client.call('git_push', { repo_path: work });
    const summary = `${old.slice(0, 7)}..${head.slice(0, 7)}`;
    expect(result.structuredContent).toEqual({
      remote: 'origin',
      branch: 'main',
      ref: 'refs/heads/main',
      status: 'fast_forward',
      summary,
    });
    expect(client.textOf(result)).toBe(`Pushed main to origin: fast forward (${summary}).`);
    expect(tip(origin)).toBe(head);
    const again = await client.call('git_push', { repo_path: work, branch: 'main' });
    expect(again.structuredContent).toMatchObject({ status: 'up_to_date' });
    await client.close();
  });
});

describe('git_push', () => {
  it('pushes a new branch and sets its upstream', async () => {
    const { root, work, origin } = await remoteWorld();
    git(work, 'switch', '-q', '-c', 'feature/x');
    writeAndCommit(work, { 'x.txt': 'x\n' }, 'x');
    const client = await gitClient([...REMOTE, root]);
    const result = await client.call('git_push', { repo_path: work, set_upstream: true });
    expect(result.structuredContent).toMatchObject({ status: 'new', upstream: 'origin/feature/x' });
    expect(git(work, 'rev-parse', '--abbrev-ref', '@{upstream}').trim()).toBe('origin/feature/x');
    expect(tip(origin, 'feature/x')).toBe(git(work, 'rev-parse', 'HEAD').trim());
    await client.close();
  });

  it('is rejected when the remote moved; force is refused without --allow-force-push', async () => {
    const { root, work, other, origin } = await remoteWorld();
    writeAndCommit(other, { 'theirs.txt': 't\n' }, 'theirs');
    git(other, 'push', '-q', 'origin', 'main');
    writeAndCommit(work, { 'mine.txt': 'm\n' }, 'mine');
    const remoteTip = tip(origin);
    const client = await gitClient([...REMOTE, root]);
    expect(client.textOf(await client.call('git_push', { repo_path: work }))).toMatch(
      /^\[conflict\] origin rejected the push of main.*\nFix: Pull them first \(git_pull\)/,
    );
    expect(client.textOf(await client.call('git_push', { repo_path: work, force: true }))).toMatch(
      /^\[access_denied\] force pushing is disabled.*\nFix: The operator must start the server with --allow-force-push/,
    );
    expect(tip(origin)).toBe(remoteTip);
    await client.close();
  });

  it('with --allow-force-push forces with lease: refused while stale, done after a fetch', async () => {
    const { root, work, other, origin } = await remoteWorld();
    writeAndCommit(other, { 'theirs.txt': 't\n' }, 'theirs');
    git(other, 'push', '-q', 'origin', 'main');
    writeAndCommit(work, { 'mine.txt': 'm\n' }, 'mine');
    const client = await gitClient([...REMOTE, '--allow-force-push', root]);
    expect(client.textOf(await client.call('git_push', { repo_path: work, force: true }))).toMatch(
      /^\[conflict\] origin\/main moved since the last fetch, so the forced push was refused \(--force-with-lease\)/,
    );
    expect(tip(origin)).toBe(tip(other, 'HEAD'));
    git(work, 'fetch', '-q', 'origin');
    const forced = await client.call('git_push', { repo_path: work, force: true });
    expect(forced.structuredContent).toMatchObject({ status: 'forced' });
    expect(tip(origin)).toBe(git(work, 'rev-parse', 'HEAD').trim());
    await client.close();
  });

  it('refuses remotes and push URLs outside, option-looking values and missing branches', async () => {
    const { root, work, outside, origin, canary } = await remoteWorld();
    writeAndCommit(work, { 'b.txt': 'b\n' }, 'two');
    git(work, 'remote', 'add', 'sneaky', `file://${origin}`);
    git(work, 'remote', 'set-url', '--push', 'sneaky', `file://${outside}`);
    const [before, outsideTip, originTip] = [repoState(work), tip(outside), tip(origin)];
    const client = await gitClient([...REMOTE, '--allow-force-push', root]);
    for (const remote of ['evil', 'sneaky']) {
      expect(client.textOf(await client.call('git_push', { repo_path: work, remote, force: true }))).toMatch(
        /^\[access_denied\] remote ".*" leads outside the allowed directories/,
      );
    }
    for (const [field, value] of [
      ['remote', `--receive-pack=touch ${canary}/x`],
      ['remote', `-c core.sshCommand=touch ${canary}/x`],
      ['branch', '--delete'],
      ['branch', '-f'],
      ['branch', 'main:refs/heads/other'],
      ['branch', ':main'],
    ] as const) {
      expect(client.textOf(await client.call('git_push', { repo_path: work, [field]: value }))).toMatch(
        new RegExp(`^\\[invalid_input\\] ${field} `),
      );
    }
    expect(client.textOf(await client.call('git_push', { repo_path: work, branch: 'nope' }))).toMatch(
      /^\[not_found\] branch "nope" does not exist locally/,
    );
    const call = {
      state: { timeoutMs: 10_000, maxOutputBytes: 1e6, allowForcePush: false },
      signal: new AbortController().signal,
    };
    await expect(gitCall(work, call, (g) => g.raw(['push', '--end-of-options', '--delete']))).rejects.toThrow(
      /strange pathname '--delete'|'--delete' does not appear to be a git repository/,
    );
    expect([repoState(work), tip(outside), tip(origin)]).toEqual([before, outsideTip, originTip]);
    await expectEmpty(canary);
    await client.close();
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo, writeAndCommit } from './helpers.js';

const rev = (repo: string, ref: string) => git(repo, 'rev-parse', ref).trim();

/** main; feature one commit ahead of it touching f.txt. */
async function ahead() {
  const repo = await makeRepo([{ 'a.txt': '1\n' }]);
  git(repo, 'switch', '-q', '-c', 'feature');
  writeAndCommit(repo, { 'f.txt': 'f\n' }, 'feature work');
  git(repo, 'switch', '-q', 'main');
  return repo;
}

describe.each(['legacy', 'modern'] as const)('git_merge (%s)', (era) => {
  it('fast-forwards by default, and makes a merge commit with no_ff', async () => {
    const repo = await ahead();
    const before = rev(repo, 'main');
    const client = await gitClient([repo], era);
    const ff = await client.call('git_merge', { branch: 'feature' });
    expect(ff.structuredContent).toEqual({
      result: 'fast_forward',
      head: rev(repo, 'feature'),
      previous_head: before,
      branch: 'main',
    });
    expect(client.textOf(ff)).toMatch(/^Fast-forwarded main from [0-9a-f]{7} to [0-9a-f]{7} \(feature\)\.$/);
    expect(client.textOf(await client.call('git_merge', { branch: 'feature' }))).toMatch(
      /^Already up to date/,
    );

    git(repo, 'switch', '-q', '-c', 'side', 'HEAD~1');
    writeAndCommit(repo, { 's.txt': 's\n' }, 'side work');
    git(repo, 'switch', '-q', 'main');
    const merged = await client.call('git_merge', {
      branch: 'side',
      mode: 'no_ff',
      message: 'Bring in side',
    });
    expect(merged.structuredContent).toMatchObject({ result: 'merge_commit', head: rev(repo, 'HEAD') });
    expect(git(repo, 'log', '-1', '--format=%s%n%P').trim().split('\n')).toEqual([
      'Bring in side',
      `${rev(repo, 'feature')} ${rev(repo, 'side')}`,
    ]);
    await client.close();
  });
});

describe('git_merge refusals and conflicts', () => {
  it('refuses to fast-forward diverged branches, and fields that do not fit', async () => {
    const repo = await ahead();
    writeAndCommit(repo, { 'm.txt': 'm\n' }, 'main work');
    const head = rev(repo, 'HEAD');
    const client = await gitClient([repo]);
    expect(client.textOf(await client.call('git_merge', { branch: 'feature' }))).toMatch(
      /^\[conflict\] The current branch and feature have diverged, so mode 'ff_only' cannot fast-forward; nothing was changed\.\nFix: Pass mode: 'no_ff'/,
    );
    const calls: [Record<string, unknown>, RegExp][] = [
      [{}, /^\[invalid_input\] branch is required/],
      [{ branch: 'feature', message: 'm' }, /^\[invalid_input\] message applies only to mode 'no_ff'/],
      [{ branch: 'feature', abort: true }, /^\[invalid_input\] abort: true takes no branch/],
      [{ abort: true }, /^\[conflict\] No merge is in progress/],
      [{ branch: 'nope' }, /^\[not_found\] branch "nope" does not name a commit/],
    ];
    for (const [args, expected] of calls)
      expect(client.textOf(await client.call('git_merge', args))).toMatch(expected);
    expect(rev(repo, 'HEAD')).toBe(head);
    await client.close();
  });

  it('stops on conflicts listing the files, and aborts back to where it was', async () => {
    const repo = await makeRepo([{ 'a.txt': '1\n', 'b.txt': '1\n' }]);
    git(repo, 'switch', '-q', '-c', 'other');
    writeAndCommit(repo, { 'a.txt': 'other\n', 'b.txt': 'other\n' }, 'other');
    git(repo, 'switch', '-q', 'main');
    writeAndCommit(repo, { 'a.txt': 'main\n', 'b.txt': 'main\n' }, 'main');
    const head = rev(repo, 'HEAD');
    const client = await gitClient([repo]);
    const stopped = await client.call('git_merge', { branch: 'other', mode: 'no_ff' });
    expect(client.textOf(stopped)).toMatch(
      /^\[conflict\] Merging other stopped with conflicts in 2 file\(s\): a\.txt, b\.txt\. The merge is in progress\.\nFix: .*call git_merge with abort: true/,
    );
    expect(client.textOf(await client.call('git_merge', { branch: 'other', mode: 'no_ff' }))).toMatch(
      /^\[conflict\] A merge is already in progress/,
    );
    const aborted = await client.call('git_merge', { abort: true });
    expect(aborted.structuredContent).toEqual({
      result: 'aborted',
      head,
      previous_head: head,
      branch: 'main',
    });
    expect(await fs.readFile(path.join(repo, 'a.txt'), 'utf8')).toBe('main\n');
    expect(git(repo, 'status', '--porcelain')).toBe('');
    await client.close();
  });

  it('refuses when uncommitted changes would be overwritten', async () => {
    const repo = await ahead();
    await fs.writeFile(path.join(repo, 'f.txt'), 'untracked in the way\n');
    const client = await gitClient([repo]);
    expect(client.textOf(await client.call('git_merge', { branch: 'feature' }))).toMatch(
      /^\[conflict\] Merging feature would overwrite untracked files f\.txt; nothing was changed\./,
    );
    expect(await fs.readFile(path.join(repo, 'f.txt'), 'utf8')).toBe('untracked in the way\n');
    await client.close();
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo, writeAndCommit } from './helpers.js';

const read = (repo: string, file: string) => fs.readFile(path.join(repo, file), 'utf8');
const stashes = (repo: string) => git(repo, 'stash', 'list').trim().split('\n').filter(Boolean);

describe.each(['legacy', 'modern'] as const)('git_stash (%s)', (era) => {
  it('pushes, lists, applies and pops entries', async () => {
    const repo = await makeRepo([{ 'a.txt': '1\n' }]);
    const client = await gitClient([repo], era);
    await fs.writeFile(path.join(repo, 'a.txt'), 'first\n');
    const first = await client.call('git_stash', { action: 'push', message: 'first try' });
    expect(first.structuredContent).toMatchObject({
      action: 'push',
      entries: [
        {
          index: 0,
          branch: 'main',
          message: 'first try',
          commit: git(repo, 'rev-parse', 'stash@{0}').trim(),
        },
      ],
    });
    expect(client.textOf(first)).toBe(
      'Saved the changes as stash@{0} (main: first try); the working tree is clean.',
    );
    expect(await read(repo, 'a.txt')).toBe('1\n');
    await fs.writeFile(path.join(repo, 'new.txt'), 'untracked\n');
    await client.call('git_stash', { action: 'push', include_untracked: true });
    await expect(read(repo, 'new.txt')).rejects.toThrow();

    const listed = await client.call('git_stash', { action: 'list' });
    const entries = (listed.structuredContent as { entries: { index: number; message: string }[] }).entries;
    expect(entries.map((e) => [e.index, e.message])).toEqual([
      [0, expect.stringMatching(/^[0-9a-f]{7,} commit 1$/)],
      [1, 'first try'],
    ]);
    expect(client.textOf(listed)).toMatch(
      /^stash@\{0\} [0-9a-f]{7} main: [0-9a-f]+ commit 1\nstash@\{1\} [0-9a-f]{7} main: first try$/,
    );

    const applied = await client.call('git_stash', { action: 'apply', index: 1 });
    expect(client.textOf(applied)).toBe('Applied stash@{1} (main: first try). It is kept in the stash.');
    expect(await read(repo, 'a.txt')).toBe('first\n');
    git(repo, 'checkout', '--', 'a.txt');
    const popped = await client.call('git_stash', { action: 'pop' });
    expect(client.textOf(popped)).toMatch(/^Applied stash@\{0\} .*It was removed from the stash\.$/);
    expect(await read(repo, 'new.txt')).toBe('untracked\n');
    expect(stashes(repo)).toHaveLength(1);
    await client.close();
  });
});

describe('git_stash refusals', () => {
  it('drops only with confirm, naming the entry and its commit', async () => {
    const repo = await makeRepo([{ 'a.txt': '1\n' }]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'wip\n');
    git(repo, 'stash', 'push', '-m', 'precious');
    const commit = git(repo, 'rev-parse', 'stash@{0}').trim();
    const client = await gitClient([repo]);
    const unconfirmed = await client.call('git_stash', { action: 'drop' });
    expect(client.textOf(unconfirmed)).toMatch(
      /^\[invalid_input\] Dropping stash@\{0\} \(main: precious\) deletes its changes for good \(commit [0-9a-f]{7}, .*needs confirm: true/,
    );
    expect(stashes(repo)).toHaveLength(1);
    const dropped = await client.call('git_stash', { action: 'drop', confirm: true });
    expect(client.textOf(dropped)).toBe(`Dropped stash@{0} (main: precious). Its commit was ${commit}.`);
    expect(stashes(repo)).toEqual([]);
    await client.close();
  });

  it('says when there is nothing to stash, no such entry, or fields that do not apply', async () => {
    const repo = await makeRepo([{ 'a.txt': '1\n' }]);
    await fs.writeFile(path.join(repo, 'u.txt'), 'untracked\n');
    const client = await gitClient([repo]);
    expect(client.textOf(await client.call('git_stash', { action: 'push' }))).toMatch(
      /^\[conflict\] There are no local changes to stash \(untracked files are left alone without include_untracked\)/,
    );
    expect(client.textOf(await client.call('git_stash', { action: 'pop', index: 3 }))).toMatch(
      /^\[not_found\] There is no stash entry 3 \(the stash is empty\)/,
    );
    expect(client.textOf(await client.call('git_stash', { action: 'list', message: 'x' }))).toMatch(
      /^\[invalid_input\] message and include_untracked apply only to action "push"/,
    );
    expect(client.textOf(await client.call('git_stash', { action: 'push', index: 0 }))).toMatch(
      /^\[invalid_input\] index/,
    );
    expect(client.textOf(await client.call('git_stash', { action: 'clear' }))).toMatch(/action/);
    await client.close();
  });

  it('reports conflicts when applying, keeping the entry, and refuses to overwrite changes', async () => {
    const repo = await makeRepo([{ 'a.txt': '1\n' }]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'stashed\n');
    git(repo, 'stash', 'push');
    await fs.writeFile(path.join(repo, 'a.txt'), 'dirty\n');
    const client = await gitClient([repo]);
    expect(client.textOf(await client.call('git_stash', { action: 'pop' }))).toMatch(
      /^\[conflict\] Applying stash@\{0\} would overwrite uncommitted changes in a\.txt; nothing was changed\./,
    );
    expect(await read(repo, 'a.txt')).toBe('dirty\n');
    git(repo, 'checkout', '--', 'a.txt');
    writeAndCommit(repo, { 'a.txt': 'committed\n' }, 'diverge');
    expect(client.textOf(await client.call('git_stash', { action: 'pop' }))).toMatch(
      /^\[conflict\] Applying stash@\{0\} \(main: [^)]*\) left conflicts in 1 file\(s\): a\.txt\. The entry is still in the stash \(pop keeps it on conflict\)\./,
    );
    expect(stashes(repo)).toHaveLength(1);
    await client.close();
  });
});

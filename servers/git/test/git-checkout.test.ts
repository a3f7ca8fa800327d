import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo, writeAndCommit } from './helpers.js';

const head = (repo: string) => git(repo, 'symbolic-ref', '--short', 'HEAD').trim();

/** main with a.txt "1"; branch other where a.txt is "2". */
async function twoBranches() {
  const repo = await makeRepo([{ 'a.txt': '1\n', 'keep.txt': 'k\n' }]);
  git(repo, 'switch', '-q', '-c', 'other');
  writeAndCommit(repo, { 'a.txt': '2\n' }, 'other work');
  git(repo, 'switch', '-q', 'main');
  return repo;
}

describe.each(['legacy', 'modern'] as const)('git_checkout (%s)', (era) => {
  it('switches to an existing branch, carrying unrelated changes', async () => {
    const repo = await twoBranches();
    await fs.writeFile(path.join(repo, 'keep.txt'), 'edited\n');
    const client = await gitClient([repo], era);
    const result = await client.call('git_checkout', { branch_name: 'other' });
    expect(result.structuredContent).toEqual({
      branch: 'other',
      previous: 'main',
      commit: git(repo, 'rev-parse', 'other').trim(),
      created: false,
    });
    expect(client.textOf(result)).toMatch(/^Switched to branch 'other' \([0-9a-f]{7}\)\.$/);
    expect(head(repo)).toBe('other');
    expect(await fs.readFile(path.join(repo, 'keep.txt'), 'utf8')).toBe('edited\n');
    await client.close();
  });
});

describe('git_checkout refusals and remote branches', () => {
  it('refuses when uncommitted changes would be overwritten, listing the files', async () => {
    const repo = await twoBranches();
    await fs.writeFile(path.join(repo, 'a.txt'), 'mine\n');
    const client = await gitClient([repo]);
    const result = await client.call('git_checkout', { branch_name: 'other' });
    expect(client.textOf(result)).toMatch(
      /^\[conflict\] Switching to 'other' would overwrite uncommitted changes in a\.txt; nothing was changed\.\nFix: Commit the changes/,
    );
    expect(head(repo)).toBe('main');
    expect(await fs.readFile(path.join(repo, 'a.txt'), 'utf8')).toBe('mine\n');
    await client.close();
  });

  it('names unknown branches and tags, and creates a tracking branch from a unique remote one', async () => {
    const origin = await tempDir();
    git(origin, 'init', '-q', '--bare', '-b', 'main');
    const repo = await twoBranches();
    git(repo, 'remote', 'add', 'origin', origin);
    git(repo, 'push', '-q', 'origin', 'other:shared');
    git(repo, 'fetch', '-q', 'origin');
    git(repo, 'tag', 'v1');
    const client = await gitClient([repo]);
    expect(client.textOf(await client.call('git_checkout', { branch_name: 'nope' }))).toMatch(
      /^\[not_found\] branch_name "nope" is not a branch/,
    );
    expect(client.textOf(await client.call('git_checkout', { branch_name: 'v1' }))).toMatch(
      /^\[invalid_input\] branch_name "v1" is a tag or commit, not a branch/,
    );
    expect(head(repo)).toBe('main');
    const created = await client.call('git_checkout', { branch_name: 'shared' });
    expect(created.structuredContent).toMatchObject({
      branch: 'shared',
      created: true,
      upstream: 'origin/shared',
    });
    expect(client.textOf(created)).toMatch(/^Switched to branch 'shared', created from origin\/shared/);
    expect(client.textOf(await client.call('git_checkout', { branch_name: 'shared' }))).toMatch(
      /^Already on 'shared' \([0-9a-f]{7}\), tracking origin\/shared\.$/,
    );
    await client.close();
  });

  it('refuses to switch in the middle of a conflicted merge', async () => {
    const repo = await twoBranches();
    writeAndCommit(repo, { 'a.txt': '3\n' }, 'main work');
    expect(() => git(repo, 'merge', 'other')).toThrow();
    const client = await gitClient([repo]);
    expect(client.textOf(await client.call('git_checkout', { branch_name: 'other' }))).toMatch(
      /^\[conflict\] Cannot switch to 'other' while a merge is in progress\.\nFix: Finish it/,
    );
    await client.close();
  });
});

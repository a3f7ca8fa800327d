import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo, writeAndCommit } from './helpers.js';

/** main; merged (at main); topic with two commits of its own. */
async function branches() {
  const repo = await makeRepo();
  git(repo, 'branch', 'merged');
  git(repo, 'switch', '-q', '-c', 'topic');
  writeAndCommit(repo, { 't1.txt': '1\n' }, 'topic 1');
  writeAndCommit(repo, { 't2.txt': '2\n' }, 'topic 2');
  git(repo, 'switch', '-q', 'main');
  return repo;
}

const refs = (repo: string) => git(repo, 'for-each-ref', '--format=%(refname)').trim().split('\n');

describe.each(['legacy', 'modern'] as const)('git_delete_branch (%s)', (era) => {
  it('deletes a merged branch once confirmed, and says how to undo it', async () => {
    const repo = await branches();
    const commit = git(repo, 'rev-parse', 'merged').trim();
    const client = await gitClient([repo], era);
    const result = await client.call('git_delete_branch', { branch_name: 'merged', confirm: true });
    expect(result.structuredContent).toEqual({ deleted: 'merged', commit, forced: false });
    expect(client.textOf(result)).toBe(
      `Deleted branch 'merged' (was ${commit.slice(0, 7)}). To undo: git_create_branch with branch_name "merged" and base_branch "${commit}".`,
    );
    expect(refs(repo)).toEqual(['refs/heads/main', 'refs/heads/topic']);
    await client.close();
  });
});

describe('git_delete_branch refusals', () => {
  it('needs confirm, saying what would be lost, and force for unmerged commits', async () => {
    const repo = await branches();
    const client = await gitClient([repo]);
    const unconfirmed = await client.call('git_delete_branch', { branch_name: 'topic' });
    expect(client.textOf(unconfirmed)).toMatch(
      /^\[invalid_input\] Deleting branch "topic" \(at [0-9a-f]{7}\) needs confirm: true; 2 of its commits are not on main and would be reachable only by hash\./,
    );
    const unmerged = await client.call('git_delete_branch', { branch_name: 'topic', confirm: true });
    expect(client.textOf(unmerged)).toMatch(
      /^\[conflict\] Branch "topic" has commits not merged into its upstream or HEAD \(2 not on main\); it was kept\.\nFix: Merge it first \(git_merge\), or pass force: true/,
    );
    expect(refs(repo)).toContain('refs/heads/topic');
    const forced = await client.call('git_delete_branch', {
      branch_name: 'topic',
      force: true,
      confirm: true,
    });
    expect(forced.structuredContent).toMatchObject({ deleted: 'topic', forced: true });
    expect(refs(repo)).toEqual(['refs/heads/main', 'refs/heads/merged']);
    await client.close();
  });

  it('refuses the current branch and names a missing one', async () => {
    const repo = await branches();
    const client = await gitClient([repo]);
    const current = await client.call('git_delete_branch', {
      branch_name: 'main',
      force: true,
      confirm: true,
    });
    expect(client.textOf(current)).toMatch(
      /^\[conflict\] "main" is the current branch and cannot be deleted\./,
    );
    const missing = await client.call('git_delete_branch', { branch_name: 'nope', confirm: true });
    expect(client.textOf(missing)).toMatch(/^\[not_found\] branch_name "nope" is not a local branch\./);
    const notLocal = await client.call('git_delete_branch', { branch_name: 'origin/main', confirm: true });
    expect(client.textOf(notLocal)).toMatch(/^\[not_found\]/);
    expect(refs(repo)).toEqual(['refs/heads/main', 'refs/heads/merged', 'refs/heads/topic']);
    await client.close();
  });
});

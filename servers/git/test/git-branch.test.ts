import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo, writeAndCommit } from './helpers.js';

/** main tracking origin/main (ahead 1), feature (no upstream), gone (upstream deleted), origin/HEAD. */
async function repoWithRemote() {
  const origin = await tempDir();
  git(origin, 'init', '-q', '--bare', '-b', 'main');
  const repo = await makeRepo([{ 'a.txt': 'a\n' }]);
  git(repo, 'remote', 'add', 'origin', origin);
  git(repo, 'push', '-q', '-u', 'origin', 'main');
  git(repo, 'push', '-q', 'origin', 'main:old');
  git(repo, 'remote', 'set-head', 'origin', 'main');
  git(repo, 'branch', 'gone', '--track', 'origin/old');
  git(repo, 'push', '-q', 'origin', ':old');
  git(repo, 'fetch', '-q', '--prune', 'origin');
  git(repo, 'branch', 'feature');
  writeAndCommit(repo, { 'b.txt': 'b\n' }, 'local work');
  return repo;
}

const rev = (repo: string, ref: string) => git(repo, 'rev-parse', ref).trim();

describe.each(['legacy', 'modern'] as const)('git_branch (%s)', (era) => {
  it('lists local, remote and all branches with upstreams and ahead/behind counts', async () => {
    const repo = await repoWithRemote();
    const client = await gitClient([repo], era);
    const local = await client.call('git_branch', {});
    expect(local.structuredContent).toEqual({
      total: 3,
      branches: [
        { name: 'feature', type: 'local', current: false, commit: rev(repo, 'feature') },
        {
          name: 'gone',
          type: 'local',
          current: false,
          commit: rev(repo, 'gone'),
          upstream: 'origin/old',
          upstream_gone: true,
        },
        {
          name: 'main',
          type: 'local',
          current: true,
          commit: rev(repo, 'main'),
          upstream: 'origin/main',
          ahead: 1,
          behind: 0,
        },
      ],
    });
    expect(client.textOf(local)).toBe(
      `  feature ${rev(repo, 'feature').slice(0, 7)}\n  gone ${rev(repo, 'gone').slice(0, 7)} [origin/old: gone]\n* main ${rev(repo, 'main').slice(0, 7)} [origin/main: ahead 1]`,
    );
    const remote = await client.call('git_branch', { branch_type: 'remote' });
    expect(remote.structuredContent).toEqual({
      total: 1,
      branches: [{ name: 'origin/main', type: 'remote', current: false, commit: rev(repo, 'origin/main') }],
    });
    const all = await client.call('git_branch', { branch_type: 'all' });
    expect((all.structuredContent as { total: number }).total).toBe(4);
    await client.close();
  });
});

describe('git_branch filters', () => {
  it('keeps branches that contain or do not contain a commit, and names an unknown one', async () => {
    const repo = await repoWithRemote();
    const client = await gitClient([repo]);
    const names = async (args: Record<string, unknown>) => {
      const result = await client.call('git_branch', args);
      return (result.structuredContent as { branches: { name: string }[] }).branches.map((b) => b.name);
    };
    expect(await names({ contains: 'HEAD' })).toEqual(['main']);
    expect(await names({ not_contains: 'main' })).toEqual(['feature', 'gone']);
    expect(await names({ branch_type: 'all', not_contains: 'HEAD' })).toEqual([
      'feature',
      'gone',
      'origin/main',
    ]);
    expect(await names({ contains: 'main~1' })).toEqual(['feature', 'gone', 'main']);
    const unknown = await client.call('git_branch', { contains: 'nope' });
    expect(client.textOf(unknown)).toMatch(/^\[not_found\] contains "nope" does not name a commit/);
    expect(client.textOf(await client.call('git_branch', { branch_type: 'tags' }))).toMatch(/branch_type/);
    await client.close();
  });

  it('pages long lists with a cursor', async () => {
    const repo = await makeRepo();
    for (let i = 0; i < 305; i++) git(repo, 'branch', `b${String(i).padStart(3, '0')}`);
    const client = await gitClient([repo]);
    const first = (await client.call('git_branch', {})).structuredContent as {
      branches: unknown[];
      total: number;
      nextCursor: string;
    };
    expect(first.branches).toHaveLength(300);
    expect(first.total).toBe(306);
    const second = await client.call('git_branch', { cursor: first.nextCursor });
    expect(
      (second.structuredContent as { branches: { name: string }[] }).branches.map((b) => b.name),
    ).toEqual(['b300', 'b301', 'b302', 'b303', 'b304', 'main']);
    await client.close();
  });
});

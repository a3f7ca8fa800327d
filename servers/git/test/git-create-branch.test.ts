import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';

const rev = (repo: string, ref: string) => git(repo, 'rev-parse', ref).trim();

describe.each(['legacy', 'modern'] as const)('git_create_branch (%s)', (era) => {
  it('creates a branch at HEAD or at a base, without switching to it', async () => {
    const repo = await makeRepo([{ 'a.txt': '1\n' }, { 'a.txt': '2\n' }]);
    git(repo, 'tag', 'v1', 'HEAD~1');
    const client = await gitClient([repo], era);
    const here = await client.call('git_create_branch', { branch_name: 'feature/login-form' });
    expect(here.structuredContent).toEqual({
      branch: 'feature/login-form',
      base: 'HEAD',
      commit: rev(repo, 'main'),
    });
    expect(client.textOf(here)).toMatch(
      /^Created branch 'feature\/login-form' at [0-9a-f]{7} from 'the current HEAD'\./,
    );
    const fromTag = await client.call('git_create_branch', { branch_name: 'hotfix', base_branch: 'v1' });
    expect(fromTag.structuredContent).toMatchObject({
      branch: 'hotfix',
      base: 'v1',
      commit: rev(repo, 'v1^{commit}'),
    });
    expect(rev(repo, 'refs/heads/hotfix')).toBe(rev(repo, 'HEAD~1'));
    expect(git(repo, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
    await client.close();
  });
});

describe('git_create_branch refusals', () => {
  it('tracks a remote base, and refuses an existing name or an unknown base', async () => {
    const origin = await tempDir();
    git(origin, 'init', '-q', '--bare', '-b', 'main');
    const repo = await makeRepo();
    git(repo, 'remote', 'add', 'origin', origin);
    git(repo, 'push', '-q', 'origin', 'main');
    const client = await gitClient([repo]);
    const tracked = await client.call('git_create_branch', {
      branch_name: 'mine',
      base_branch: 'origin/main',
    });
    expect(tracked.structuredContent).toMatchObject({ upstream: 'origin/main' });
    const before = git(repo, 'for-each-ref');
    const exists = await client.call('git_create_branch', { branch_name: 'main', base_branch: 'mine' });
    expect(client.textOf(exists)).toMatch(
      /^\[conflict\] A branch named "main" already exists \(at [0-9a-f]{7}\); nothing/,
    );
    const missing = await client.call('git_create_branch', { branch_name: 'x', base_branch: 'nope' });
    expect(client.textOf(missing)).toMatch(/^\[not_found\] base_branch "nope" does not name a commit/);
    const gitRefuses = await client.call('git_create_branch', { branch_name: 'HEAD' });
    expect(client.textOf(gitRefuses)).toMatch(
      /^\[invalid_input\] branch_name "HEAD" is not a valid branch name/,
    );
    expect(git(repo, 'for-each-ref')).toBe(before);
    await client.close();
  });

  it('says so in an empty repository', async () => {
    const repo = await makeRepo([]);
    const client = await gitClient([repo]);
    const result = await client.call('git_create_branch', { branch_name: 'x' });
    expect(client.textOf(result)).toMatch(/^\[not_found\] The repository has no commits yet/);
    await client.close();
  });
});

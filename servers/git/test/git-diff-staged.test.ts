import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';

describe.each(['legacy', 'modern'] as const)('git_diff_unstaged and git_diff_staged (%s)', (era) => {
  it('shows unstaged changes as a patch with per-file counts, honouring context_lines, paths and stat_only', async () => {
    const repo = await makeRepo([{ 'a.txt': '1\n2\n3\n4\n5\n6\n7\n', 'b.txt': 'b\n' }]);
    await fs.writeFile(path.join(repo, 'a.txt'), '1\n2\n3\nfour\n5\n6\n7\n');
    await fs.writeFile(path.join(repo, 'b.txt'), 'b\nmore\n');
    await fs.writeFile(path.join(repo, 'untracked.txt'), 'u\n');
    const client = await gitClient([repo], era);
    const full = await client.call('git_diff_unstaged');
    expect(full.structuredContent).toEqual({
      files: [
        { path: 'a.txt', insertions: 1, deletions: 1, binary: false },
        { path: 'b.txt', insertions: 1, deletions: 0, binary: false },
      ],
      file_count: 2,
      insertions: 2,
      deletions: 1,
    });
    const text = client.textOf(full);
    expect(text).toMatch(/^2 files changed, 2 insertions\(\+\), 1 deletions\(-\)\n\ndiff --git a\/a.txt/);
    expect(text).toContain('@@ -1,7 +1,7 @@');
    expect(text).not.toContain('untracked');
    const narrow = await client.call('git_diff_unstaged', { context_lines: 0, paths: ['a.txt'] });
    expect(client.textOf(narrow)).toContain('@@ -4 +4 @@\n-4\n+four');
    expect(client.textOf(narrow)).not.toContain('b.txt');
    const stat = await client.call('git_diff_unstaged', { stat_only: true });
    expect(client.textOf(stat)).toBe(
      '2 files changed, 2 insertions(+), 1 deletions(-)\n+1 -1 a.txt\n+1 -0 b.txt',
    );
    expect(client.textOf(await client.call('git_diff_staged'))).toBe('No staged changes.');
    await client.close();
  });

  it('shows staged renames, binaries and additions, also before the first commit', async () => {
    const repo = await makeRepo([{ 'old name.txt': 'same\ncontent\nhere\n' }]);
    git(repo, 'mv', 'old name.txt', 'new name.txt');
    await fs.writeFile(path.join(repo, 'img.bin'), Buffer.from([0, 1, 2, 0, 255]));
    git(repo, 'add', 'img.bin');
    const client = await gitClient([repo], era);
    const result = await client.call('git_diff_staged');
    expect(result.structuredContent).toMatchObject({
      files: [
        { path: 'img.bin', insertions: 0, deletions: 0, binary: true },
        { path: 'new name.txt', from: 'old name.txt', insertions: 0, deletions: 0, binary: false },
      ],
      file_count: 2,
    });
    expect(client.textOf(result)).toContain('rename from old name.txt');
    expect(client.textOf(await client.call('git_diff_unstaged'))).toBe('No unstaged changes.');
    await client.close();

    const fresh = await makeRepo([]);
    await fs.writeFile(path.join(fresh, 'first.txt'), 'hello\n');
    git(fresh, 'add', 'first.txt');
    const second = await gitClient([fresh], era);
    expect((await second.call('git_diff_staged')).structuredContent).toMatchObject({
      insertions: 1,
      file_count: 1,
    });
    await second.close();
  });
});

describe('git_diff_unstaged limits', () => {
  it('says how to narrow a diff the response budget cuts', async () => {
    const repo = await makeRepo([{ 'big.txt': 'x\n'.repeat(2000) }]);
    await fs.writeFile(path.join(repo, 'big.txt'), 'y\n'.repeat(2000));
    const client = await gitClient([repo, '--max-response-chars', '3000']);
    const result = await client.call('git_diff_unstaged');
    expect(client.textOf(result)).toMatch(/\[truncated: .* Narrow the diff with paths .* stat_only: true/);
    expect(result.structuredContent).toMatchObject({ insertions: 2000, deletions: 2000 });
    await client.close();
  });

  it('refuses paths outside the repository and rejects bad context_lines', async () => {
    const repo = await makeRepo();
    const client = await gitClient([path.dirname(repo)]);
    for (const outside of ['../elsewhere', '/etc/passwd']) {
      const result = await client.call('git_diff_staged', { repo_path: repo, paths: [outside] });
      expect(client.textOf(result)).toMatch(/^\[access_denied\]/);
    }
    const bad = await client.call('git_diff_unstaged', { repo_path: repo, context_lines: -1 });
    expect(bad.isError).toBe(true);
    await client.close();
  });
});

import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo, writeAndCommit } from './helpers.js';
import { commitWith, expectError, expectNothingPlanted, injectionValues } from './history-fixtures.js';

async function twoCommits() {
  const repo = await makeRepo([
    { 'a.txt': 'one\ntwo\nthree\n', 'b.txt': 'b\n', 'old.txt': 'same content here\n' },
  ]);
  git(repo, 'mv', 'old.txt', 'new.txt');
  const hash = commitWith(
    repo,
    { 'a.txt': 'one\nTWO\nthree\nfour\n', 'c.bin': Buffer.from([0, 1, 2, 0]) },
    'Change a\n\nWhy:\nbecause',
    {
      date: '2024-03-01T09:00:00+01:00',
    },
  );
  return { repo, hash };
}

describe.each(['legacy', 'modern'] as const)('git_show (%s)', (era) => {
  it('gives the metadata and per-file counts in structuredContent and the diff in the text', async () => {
    const { repo, hash } = await twoCommits();
    const client = await gitClient([repo], era);
    const result = await client.call('git_show', { repo_path: repo, revision: 'HEAD' });
    expect(result.structuredContent).toMatchObject({
      hash,
      parents: [git(repo, 'rev-parse', 'HEAD~1').trim()],
      author: 'Ada Lovelace',
      date: '2024-03-01T09:00:00+01:00',
      subject: 'Change a',
      body: 'Why:\nbecause',
      files: [
        { path: 'a.txt', insertions: 2, deletions: 1, binary: false },
        { path: 'c.bin', insertions: 0, deletions: 0, binary: true },
        { path: 'new.txt', from: 'old.txt', insertions: 0, deletions: 0, binary: false },
      ],
      file_count: 3,
      insertions: 2,
      deletions: 1,
    });
    const text = client.textOf(result);
    expect(text).toContain(
      `commit ${hash}\nAuthor: Ada Lovelace <ada@example.com>\nDate:   2024-03-01T09:00:00+01:00\n\n    Change a\n\n    Why:\n    because`,
    );
    expect(text).toContain('3 files changed, 2 insertions(+), 1 deletions(-)');
    expect(text).toMatch(/diff --git a\/a\.txt b\/a\.txt\n[\s\S]*-two\n\+TWO\n three\n\+four/);
    await client.close();
  });
});

describe('git_show options', () => {
  it('narrows with paths, stat_only and context_lines; shows root and merge commits', async () => {
    const { repo } = await twoCommits();
    const client = await gitClient([repo]);
    const call = (args: Record<string, unknown>) =>
      client.call('git_show', { repo_path: repo, revision: 'HEAD', ...args });
    const onlyA = await call({ paths: ['a.txt'], context_lines: 0 });
    expect(onlyA.structuredContent).toMatchObject({ files: [{ path: 'a.txt' }], file_count: 1 });
    expect(client.textOf(onlyA)).not.toContain('b.txt');
    expect(client.textOf(onlyA)).not.toContain('\n three');
    const stat = client.textOf(await call({ stat_only: true }));
    expect(stat).toContain('+2 -1 a.txt\nbin c.bin\n+0 -0 old.txt => new.txt');
    expect(stat).not.toContain('@@');
    const root = await call({ revision: 'HEAD~1' });
    expect(root.structuredContent).toMatchObject({ parents: [], file_count: 3, insertions: 5 });
    git(repo, 'checkout', '-q', '-b', 'side', 'HEAD~1');
    writeAndCommit(repo, { 'side.txt': 's1\ns2\n' }, 'side work');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'merge', '-q', '--no-ff', '-m', 'Merge side', 'side');
    const merge = await call({});
    expect(merge.structuredContent).toMatchObject({
      subject: 'Merge side',
      files: [{ path: 'side.txt', insertions: 2 }],
    });
    expect(client.textOf(merge)).toMatch(/^commit \w+\nMerge: \w{12} \w{12}\n/);
    await client.close();
  });

  it('refuses option-looking revisions and outside paths; reports unknown revisions', async () => {
    const { repo } = await twoCommits();
    const outside = await tempDir();
    const { values, planted } = injectionValues(outside);
    const client = await gitClient([repo]);
    for (const revision of [...values, 'HEAD:a.txt', 'HEAD --output=x', '']) {
      await expectError(client, 'git_show', { repo_path: repo, revision }, 'invalid_input');
    }
    expectNothingPlanted(planted);
    expect(
      await expectError(client, 'git_show', { repo_path: repo, revision: 'nope' }, 'not_found'),
    ).toContain('revision "nope"');
    await expectError(
      client,
      'git_show',
      { repo_path: repo, revision: 'HEAD', paths: ['../x'] },
      'access_denied',
    );
    await expectError(
      client,
      'git_show',
      { repo_path: repo, revision: 'HEAD', paths: [outside] },
      'access_denied',
    );
    await client.close();
  });

  it("never runs programs named in the repository's config (external diff, textconv, gpg)", async () => {
    const { repo } = await twoCommits();
    const outside = await tempDir();
    const marker = path.join(outside, 'ran');
    const script = path.join(outside, 'evil.sh');
    writeFileSync(script, `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(script, 0o755);
    git(repo, 'config', 'diff.external', script);
    git(repo, 'config', 'diff.evil.textconv', script);
    git(repo, 'config', 'gpg.program', script);
    git(repo, 'config', 'log.showSignature', 'true');
    writeFileSync(path.join(repo, '.gitattributes'), '*.txt diff=evil\n');
    // A commit carrying a signature, so a verifying git would call gpg.program.
    const tree = git(repo, 'rev-parse', 'HEAD^{tree}').trim();
    const raw = `tree ${tree}\nparent ${git(repo, 'rev-parse', 'HEAD').trim()}\nauthor A <a@b> 1700000000 +0000\ncommitter A <a@b> 1700000000 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\nsigned\n`;
    writeFileSync(path.join(outside, 'commit.txt'), raw);
    const signed = git(repo, 'hash-object', '-t', 'commit', '-w', path.join(outside, 'commit.txt')).trim();
    const client = await gitClient([repo]);
    for (const revision of ['HEAD', signed]) {
      const result = await client.call('git_show', { repo_path: repo, revision });
      expect(result.isError, client.textOf(result)).toBeFalsy();
    }
    expect((await client.call('git_log', { repo_path: repo, revision: signed })).isError).toBeFalsy();
    expect(existsSync(marker)).toBe(false);
    await client.close();
  });
});

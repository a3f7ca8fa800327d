import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';
import { commitWith, expectError, expectNothingPlanted, injectionValues } from './history-fixtures.js';

const GRACE = { name: 'Grace Hopper', email: 'grace@example.com' };

async function twoAuthors() {
  const repo = await makeRepo([]);
  const first = commitWith(repo, { 'app.ts': 'a\nb\nc\n' }, 'First', { date: '2024-01-15T14:30:25+02:00' });
  const second = commitWith(repo, { 'app.ts': 'a\nB\nc\nd\n' }, 'Second', {
    author: GRACE,
    date: '2024-02-01T08:00:00-05:00',
  });
  return { repo, first, second };
}

describe.each(['legacy', 'modern'] as const)('git_blame (%s)', (era) => {
  it('attributes each line to the commit, author and date that last changed it', async () => {
    const { repo, first, second } = await twoAuthors();
    const client = await gitClient([repo], era);
    const result = await client.call('git_blame', { repo_path: repo, path: 'app.ts' });
    const ada = { hash: first, author: 'Ada Lovelace', date: '2024-01-15T14:30:25+02:00' };
    const grace = { hash: second, author: 'Grace Hopper', date: '2024-02-01T08:00:00-05:00' };
    expect(result.structuredContent).toEqual({
      path: 'app.ts',
      revision: null,
      more: false,
      lines: [
        { line: 1, ...ada, text: 'a' },
        { line: 2, ...grace, text: 'B' },
        { line: 3, ...ada, text: 'c' },
        { line: 4, ...grace, text: 'd' },
      ],
    });
    expect(client.textOf(result).split('\n')[1]).toBe(`${second.slice(0, 8)} 2024-02-01 Grace Hopper 2| B`);
    await client.close();
  });
});

describe('git_blame ranges and revisions', () => {
  it('blames a range, a revision, uncommitted lines, empty files, and caps long files', async () => {
    const { repo, first } = await twoAuthors();
    commitWith(
      repo,
      { 'long.txt': `${Array.from({ length: 2500 }, (_, i) => `l${i + 1}`).join('\n')}\n`, 'empty.txt': '' },
      'Long',
    );
    writeFileSync(path.join(repo, 'app.ts'), 'a\nB\nc\nd\nnew\n');
    const client = await gitClient([repo]);
    const blame = async (args: Record<string, unknown>) =>
      (await client.call('git_blame', { repo_path: repo, ...args })).structuredContent as {
        lines: { line: number; hash: string; text: string }[];
        more: boolean;
        revision: string | null;
      };
    expect((await blame({ path: 'app.ts', start_line: 3, end_line: 3 })).lines).toEqual([
      expect.objectContaining({ line: 3, hash: first, text: 'c' }),
    ]);
    const work = await blame({ path: 'app.ts', start_line: 5 });
    expect(work.lines).toEqual([expect.objectContaining({ line: 5, hash: '0'.repeat(40), text: 'new' })]);
    const old = await blame({ path: 'app.ts', revision: 'HEAD~2' });
    expect(old).toMatchObject({ revision: first, more: false });
    expect(old.lines.map((l) => l.text)).toEqual(['a', 'b', 'c']);
    const long = await blame({ path: 'long.txt' });
    expect(long.lines).toHaveLength(2000);
    expect(long.more).toBe(true);
    expect(client.textOf(await client.call('git_blame', { repo_path: repo, path: 'long.txt' }))).toMatch(
      /^Lines 1-2000 of long\.txt; more follow: pass start_line: 2001\.\n/,
    );
    const tail = await blame({ path: 'long.txt', start_line: 2001 });
    expect(tail.lines.map((l) => l.line)).toEqual(Array.from({ length: 500 }, (_, i) => 2001 + i));
    expect(tail.more).toBe(false);
    expect((await blame({ path: 'long.txt', start_line: 10, end_line: 5000 })).lines).toHaveLength(2000);
    expect(await blame({ path: 'empty.txt' })).toMatchObject({ lines: [], more: false });
    await client.close();
  });

  it('refuses option-looking revisions and outside paths; reports missing files and ranges past the end', async () => {
    const { repo } = await twoAuthors();
    const outside = await tempDir({ 'secret.txt': 's\n' });
    const { values, planted } = injectionValues(outside);
    const client = await gitClient([repo]);
    for (const revision of values) {
      await expectError(client, 'git_blame', { repo_path: repo, path: 'app.ts', revision }, 'invalid_input');
      await expectError(client, 'git_blame', { repo_path: repo, path: revision }, 'not_found');
    }
    expectNothingPlanted(planted);
    expect(
      await expectError(
        client,
        'git_blame',
        { repo_path: repo, path: 'app.ts', revision: 'nope' },
        'not_found',
      ),
    ).toContain('revision "nope"');
    await expectError(
      client,
      'git_blame',
      { repo_path: repo, path: 'app.ts', revision: 'HEAD~1', start_line: 4 },
      'invalid_input',
    );
    await expectError(client, 'git_blame', { repo_path: repo, path: 'missing.ts' }, 'not_found');
    await expectError(client, 'git_blame', { repo_path: repo, path: '../secret.txt' }, 'access_denied');
    await expectError(
      client,
      'git_blame',
      { repo_path: repo, path: path.join(outside, 'secret.txt') },
      'access_denied',
    );
    await client.close();
  });

  it('does not run textconv programs from the repository config', async () => {
    const { repo } = await twoAuthors();
    const outside = await tempDir();
    const marker = path.join(outside, 'ran');
    writeFileSync(path.join(outside, 'evil.sh'), `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(path.join(outside, 'evil.sh'), 0o755);
    git(repo, 'config', 'diff.evil.textconv', path.join(outside, 'evil.sh'));
    writeFileSync(path.join(repo, '.gitattributes'), '*.ts diff=evil\n');
    const client = await gitClient([repo]);
    for (const revision of [undefined, 'HEAD']) {
      const result = await client.call('git_blame', {
        repo_path: repo,
        path: 'app.ts',
        ...(revision ? { revision } : {}),
      });
      expect(result.isError, client.textOf(result)).toBeFalsy();
    }
    expect(existsSync(marker)).toBe(false);
    await client.close();
  });
});

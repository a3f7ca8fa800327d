import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';
import { commitWith, expectError, expectNothingPlanted, injectionValues } from './history-fixtures.js';

const ODD_BODY = 'Line one\n\nfields\x1elike %x00 and \ttabs\nCommit: fake\nAuthor: nobody';

describe.each(['legacy', 'modern'] as const)('git_log (%s)', (era) => {
  it('returns whole entries, newest first, bodies with newlines and odd characters intact', async () => {
    const repo = await makeRepo([{ 'a.txt': 'a\n' }]);
    const hash = commitWith(repo, { 'b.txt': 'b\n' }, `Add b: ünïcode\n\n${ODD_BODY}`, {
      date: '2024-01-15T14:30:25+02:00',
      author: { name: 'Grace Hopper', email: 'grace@example.com' },
    });
    const client = await gitClient([repo], era);
    const result = await client.call('git_log', { repo_path: repo });
    const { entries } = result.structuredContent as { entries: Record<string, string>[] };
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({
      hash,
      short_hash: hash.slice(0, 7),
      author: 'Grace Hopper',
      email: 'grace@example.com',
      date: '2024-01-15T14:30:25+02:00',
      subject: 'Add b: ünïcode',
      body: ODD_BODY,
    });
    expect(entries[1]).toMatchObject({ subject: 'commit 1', author: 'Ada Lovelace', body: '' });
    expect(client.textOf(result).split('\n')[0]).toBe(
      `${hash.slice(0, 7)} 2024-01-15 Grace Hopper Add b: ünïcode`,
    );
    await client.close();
  });
});

describe('git_log filters and paging', () => {
  it('pages with a cursor that is tied to its query', async () => {
    const repo = await makeRepo([1, 2, 3, 4, 5].map((n) => ({ [`f${n}.txt`]: `${n}` })));
    const client = await gitClient([repo]);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 3; page++) {
      const result = await client.call('git_log', {
        repo_path: repo,
        max_count: 2,
        ...(cursor ? { cursor } : {}),
      });
      const data = result.structuredContent as { entries: { subject: string }[]; nextCursor?: string };
      seen.push(...data.entries.map((e) => e.subject));
      cursor = data.nextCursor;
      if (cursor) expect(client.textOf(result)).toContain(`pass cursor "${cursor}"`);
    }
    expect(seen).toEqual(['commit 5', 'commit 4', 'commit 3', 'commit 2', 'commit 1']);
    expect(cursor).toBeUndefined();
    const first = await client.call('git_log', { repo_path: repo, max_count: 2 });
    const next = (first.structuredContent as { nextCursor: string }).nextCursor;
    await expectError(client, 'git_log', { repo_path: repo, cursor: next, author: 'x' }, 'invalid_input');
    await expectError(client, 'git_log', { repo_path: repo, cursor: 'forged' }, 'invalid_input');
    await client.close();
  });

  it('filters by revision range, paths, author and message text', async () => {
    const repo = await makeRepo([{ 'README.md': '# r\n' }]);
    git(repo, 'checkout', '-q', '-b', 'feature');
    commitWith(repo, { 'src/a.ts': 'a' }, 'fix(parser): handle [brackets]', {
      author: { name: 'Grace Hopper', email: 'grace@navy.mil' },
    });
    commitWith(repo, { 'docs/b.md': 'b' }, 'Document b');
    const client = await gitClient([repo]);
    const subjects = async (args: Record<string, unknown>) =>
      (
        (await client.call('git_log', { repo_path: repo, ...args })).structuredContent as {
          entries: { subject: string }[];
        }
      ).entries.map((e) => e.subject);
    expect(await subjects({ revision: 'main..feature' })).toEqual([
      'Document b',
      'fix(parser): handle [brackets]',
    ]);
    expect(await subjects({ paths: ['src'] })).toEqual(['fix(parser): handle [brackets]']);
    expect(await subjects({ author: 'HOPPER' })).toEqual(['fix(parser): handle [brackets]']);
    expect(await subjects({ author: 'navy.mil' })).toEqual(['fix(parser): handle [brackets]']);
    expect(await subjects({ message: 'FIX(parser): handle [' })).toEqual(['fix(parser): handle [brackets]']);
    expect(await subjects({ message: 'nothing like this' })).toEqual([]);
    await client.close();
  });

  it('refuses option-looking revisions and outside paths, reports unknown revisions, handles empty repos', async () => {
    const repo = await makeRepo();
    const outside = await tempDir();
    const { values, planted } = injectionValues(outside);
    const client = await gitClient([repo]);
    for (const value of values) {
      await expectError(client, 'git_log', { repo_path: repo, revision: value }, 'invalid_input');
      // As filter text they are data: no match, or refused by simple-git's guard (--upload-pack).
      const asText = await client.call('git_log', { repo_path: repo, author: value, message: value });
      if (asText.isError) expect(client.textOf(asText)).toMatch(/^\[invalid_input\] author contains text/);
      else expect(asText.structuredContent).toEqual({ entries: [] });
    }
    expectNothingPlanted(planted);
    expect(
      await expectError(client, 'git_log', { repo_path: repo, revision: 'nope' }, 'not_found'),
    ).toContain('revision "nope"');
    await expectError(client, 'git_log', { repo_path: repo, paths: ['../outside'] }, 'access_denied');
    await expectError(client, 'git_log', { repo_path: repo, paths: [outside] }, 'access_denied');
    const tooMany = await client.call('git_log', { repo_path: repo, max_count: 1001 });
    expect(tooMany.isError && client.textOf(tooMany)).toMatch(/max_count: Too big/);
    const empty = await makeRepo([]);
    const emptyClient = await gitClient([empty]);
    expect(emptyClient.textOf(await emptyClient.call('git_log'))).toBe('No commits yet.');
    await emptyClient.close();
    await client.close();
  });
});

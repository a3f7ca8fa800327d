import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { gitClient, makeRepo } from './helpers.js';
import { commitWith, expectError, expectNothingPlanted, injectionValues } from './history-fixtures.js';

describe('git_log date filters (the reference returned broken entries here)', () => {
  it('returns exactly the commits in the window, each whole and correct', async () => {
    const repo = await makeRepo([]);
    const days = ['2024-01-10', '2024-01-15', '2024-01-20', '2024-02-01'];
    const hashes = days.map((day) =>
      commitWith(repo, { [`${day}.txt`]: day }, `On ${day}\n\nBody of ${day}\nsecond line`, {
        date: `${day}T12:00:00+00:00`,
      }),
    );
    const client = await gitClient([repo]);
    const call = (args: Record<string, unknown>) => client.call('git_log', { repo_path: repo, ...args });
    const window = await call({ start_timestamp: '2024-01-15', end_timestamp: '2024-01-20' });
    expect((window.structuredContent as { entries: unknown[] }).entries).toEqual([
      expect.objectContaining({
        hash: hashes[2],
        subject: 'On 2024-01-20',
        body: 'Body of 2024-01-20\nsecond line',
        date: '2024-01-20T12:00:00+00:00',
        author: 'Ada Lovelace',
        email: 'ada@example.com',
      }),
      expect.objectContaining({
        hash: hashes[1],
        subject: 'On 2024-01-15',
        body: 'Body of 2024-01-15\nsecond line',
        date: '2024-01-15T12:00:00+00:00',
      }),
    ]);
    expect(client.textOf(window).split('\n')).toHaveLength(2);
    const since = await call({ start_timestamp: '2024-01-16T00:00:00Z', max_count: 1 });
    expect(since.structuredContent).toMatchObject({
      entries: [{ hash: hashes[3] }],
      nextCursor: expect.any(String),
    });
    const recent = commitWith(repo, { 'now.txt': 'now' }, 'Today');
    const relative = await call({ start_timestamp: '2 weeks ago' });
    expect(
      (relative.structuredContent as { entries: { hash: string }[] }).entries.map((e) => e.hash),
    ).toEqual([recent]);
    expect(
      (await call({ start_timestamp: 'Jan 16 2024', end_timestamp: 'yesterday' })).structuredContent,
    ).toMatchObject({
      entries: [{ hash: hashes[3] }, { hash: hashes[2] }],
    });
    await client.close();
  });

  it('refuses dates git would guess at, and option-looking dates', async () => {
    const repo = await makeRepo();
    const outside = await tempDir();
    const { values, planted } = injectionValues(outside);
    const client = await gitClient([repo]);
    for (const bad of ['a week ago', '2 weaks ago', 'garbage', '5 sec ago', ...values]) {
      for (const field of ['start_timestamp', 'end_timestamp']) {
        const text = await expectError(client, 'git_log', { repo_path: repo, [field]: bad }, 'invalid_input');
        expect(text).toContain(field);
      }
    }
    expectNothingPlanted(planted);
    await client.close();
  });
});

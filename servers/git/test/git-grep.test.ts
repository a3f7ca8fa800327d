import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { gitClient, makeRepo } from './helpers.js';
import { commitWith, expectError, expectNothingPlanted, injectionValues } from './history-fixtures.js';

async function sources() {
  const repo = await makeRepo([
    {
      'src/a.ts': 'const x = a.b(1);\nconst y = axb(2);\n',
      'src/b.ts': 'export const TODO = 1;\n// todo later\n',
      'docs/flags.md': 'Never pass --output=/tmp/x or -c core.sshCommand=touch to git.\n',
      'img.bin': Buffer.from([0, 0x61, 0x2e, 0x62, 0x28]).toString('latin1'),
    },
  ]);
  return repo;
}

describe.each(['legacy', 'modern'] as const)('git_grep (%s)', (era) => {
  it('finds a literal string (regex characters included) as path:line: text', async () => {
    const repo = await sources();
    const client = await gitClient([repo], era);
    const result = await client.call('git_grep', { repo_path: repo, pattern: 'a.b(' });
    expect(result.structuredContent).toEqual({
      matches: [{ path: 'src/a.ts', line: 1, text: 'const x = a.b(1);' }],
      truncated: false,
    });
    expect(client.textOf(result)).toBe('src/a.ts:1: const x = a.b(1);');
    await client.close();
  });
});

describe('git_grep options', () => {
  it('supports regexes, ignore_case, paths, revisions and max_count', async () => {
    const repo = await sources();
    commitWith(repo, { 'src/a.ts': 'const z = 3;\n' }, 'Change a');
    writeFileSync(path.join(repo, 'untracked.ts'), 'const x = a.b(1);\n');
    const client = await gitClient([repo]);
    const grep = async (args: Record<string, unknown>) =>
      (await client.call('git_grep', { repo_path: repo, ...args })).structuredContent as {
        matches: { path: string; line: number; text: string }[];
        truncated: boolean;
      };
    expect((await grep({ pattern: 'a.b(' })).matches).toEqual([]);
    expect((await grep({ pattern: 'a.b(', revision: 'HEAD~1' })).matches).toEqual([
      { path: 'src/a.ts', line: 1, text: 'const x = a.b(1);' },
    ]);
    expect(
      (await grep({ pattern: 'a.b\\(', fixed_string: false, revision: 'HEAD~1' })).matches.map((m) => m.line),
    ).toEqual([1, 2]);
    expect((await grep({ pattern: 'todo', ignore_case: true })).matches.map((m) => m.line)).toEqual([1, 2]);
    expect((await grep({ pattern: 'const', paths: ['src/b.ts'] })).matches).toEqual([
      { path: 'src/b.ts', line: 1, text: 'export const TODO = 1;' },
    ]);
    expect((await grep({ pattern: 'const', paths: ['src/*.ts'] })).matches).toHaveLength(2);
    const capped = await grep({ pattern: 'const', max_count: 1 });
    expect(capped).toMatchObject({ matches: [{ path: 'src/a.ts' }], truncated: true });
    expect(client.textOf(await client.call('git_grep', { repo_path: repo, pattern: 'nothing here' }))).toBe(
      'No matches.',
    );
    await client.close();
  });

  it('cuts long lines around the match', async () => {
    const repo = await makeRepo([{ 'min.js': `${'x'.repeat(5000)}NEEDLE${'y'.repeat(5000)}\n` }]);
    const client = await gitClient([repo]);
    const result = await client.call('git_grep', { repo_path: repo, pattern: 'needle', ignore_case: true });
    const [match] = (result.structuredContent as { matches: { text: string }[] }).matches;
    expect(match?.text).toContain('NEEDLE');
    expect(match?.text.length).toBeLessThanOrEqual(402);
    await client.close();
  });

  it('treats option-looking patterns and paths as data; refuses option-looking revisions', async () => {
    const repo = await sources();
    const outside = await tempDir({ 'secret.txt': 'secret\n' });
    const { values, planted } = injectionValues(outside);
    const client = await gitClient([repo]);
    const found = await client.call('git_grep', { repo_path: repo, pattern: '--output=/tmp/x' });
    expect(found.structuredContent).toMatchObject({ matches: [{ path: 'docs/flags.md', line: 1 }] });
    expect(
      (await client.call('git_grep', { repo_path: repo, pattern: 'core.sshCommand=touch' }))
        .structuredContent,
    ).toMatchObject({
      matches: [{ path: 'docs/flags.md' }],
    });
    for (const value of values) {
      const asPattern = await client.call('git_grep', { repo_path: repo, pattern: value });
      // Data, or (for --upload-pack) refused by simple-git's guard as invalid input.
      if (asPattern.isError)
        expect(client.textOf(asPattern)).toMatch(/^\[invalid_input\] pattern contains text/);
      else expect(asPattern.structuredContent).toMatchObject({ matches: [] });
      await expectError(
        client,
        'git_grep',
        { repo_path: repo, pattern: 'x', revision: value },
        'invalid_input',
      );
      expect(
        (await client.call('git_grep', { repo_path: repo, pattern: 'x', paths: [value] })).isError,
      ).toBeFalsy();
    }
    expectNothingPlanted(planted);
    expect(
      await expectError(client, 'git_grep', { repo_path: repo, pattern: 'x', revision: 'nope' }, 'not_found'),
    ).toContain('revision "nope"');
    expect(
      await expectError(
        client,
        'git_grep',
        { repo_path: repo, pattern: 'a(', fixed_string: false },
        'invalid_input',
      ),
    ).toContain('not a valid regex');
    await expectError(
      client,
      'git_grep',
      { repo_path: repo, pattern: 'secret', paths: ['../secret.txt'] },
      'access_denied',
    );
    await expectError(
      client,
      'git_grep',
      { repo_path: repo, pattern: 'secret', paths: [outside] },
      'access_denied',
    );
    await expectError(client, 'git_grep', { repo_path: repo, pattern: 'a\nb' }, 'invalid_input');
    await client.close();
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo, writeAndCommit } from './helpers.js';

/** Everything a refused call must leave as it was. */
const snapshot = (repo: string) =>
  ['for-each-ref', 'status --porcelain --untracked-files=all', 'stash list', 'rev-parse HEAD']
    .map((args) => git(repo, ...args.split(' ')))
    .join('\n');

function corpus(out: string) {
  const hostile = [
    '-D',
    '--help',
    '-',
    `-c core.sshCommand=touch ${out}/pwned`,
    `--output=${out}/x`,
    `--upload-pack=touch ${out}/pwned`,
    '--end-of-options',
    'a..b',
    'has space',
    'main:path',
    `../../${path.basename(out)}/x`,
  ];
  return { names: [...hostile, 'x@{1}', 'x.lock', ''], revisions: [...hostile, 'HEAD@{-1}', 'main^{/evil}'] };
}

describe('branch, tag, checkout and merge refuse option-looking and malformed names', () => {
  it('answers invalid_input naming the field, runs nothing, writes nothing', async () => {
    const out = await tempDir();
    const repo = await makeRepo([{ 'a.txt': '1\n' }, { 'a.txt': '2\n' }]);
    git(repo, 'branch', 'feature', 'HEAD~1');
    git(repo, 'tag', 'v1');
    const before = snapshot(repo);
    const { names, revisions } = corpus(out);
    const calls: [string, string, Record<string, unknown>][] = [
      ['git_branch', 'contains', {}],
      ['git_branch', 'not_contains', { branch_type: 'all' }],
      ['git_create_branch', 'branch_name', {}],
      ['git_create_branch', 'base_branch', { branch_name: 'new' }],
      ['git_checkout', 'branch_name', {}],
      ['git_delete_branch', 'branch_name', { force: true, confirm: true }],
      ['git_tag', 'contains', {}],
      ['git_create_tag', 'name', { message: 'm' }],
      ['git_create_tag', 'revision', { name: 'v2' }],
      ['git_merge', 'branch', { mode: 'no_ff' }],
    ];
    const client = await gitClient([repo]);
    for (const [tool, field, rest] of calls) {
      const values = ['branch_name', 'name'].includes(field) ? names : revisions;
      for (const value of values) {
        const text = client.textOf(await client.call(tool, { ...rest, [field]: value }));
        expect(text, `${tool} ${field}=${value}`).toMatch(new RegExp(`^\\[invalid_input\\] ${field} "`));
      }
    }
    expect(snapshot(repo)).toBe(before);
    expect(await fs.readdir(out)).toEqual([]);
    await client.close();
  });

  it('passes stash, tag and merge messages as values, never as options', async () => {
    const out = await tempDir();
    const repo = await makeRepo([{ 'a.txt': '1\n' }]);
    git(repo, 'switch', '-q', '-c', 'side');
    writeAndCommit(repo, { 's.txt': 's\n' }, 'side');
    git(repo, 'switch', '-q', 'main');
    const client = await gitClient([repo]);
    await fs.writeFile(path.join(repo, 'a.txt'), 'wip\n');
    const hostile = [
      `--upload-pack=touch ${out}/p`,
      `-c core.sshCommand=touch ${out}/p`,
      `--output=${out}/x`,
    ];
    const pushed = await client.call('git_stash', { action: 'push', message: hostile[0] });
    expect(pushed.structuredContent).toMatchObject({ entries: [{ message: hostile[0] }] });
    expect(client.textOf(await client.call('git_create_tag', { name: 'v1', message: hostile[1] }))).toMatch(
      /^Created/,
    );
    expect(git(repo, 'tag', '-l', '--format=%(contents:subject)', 'v1').trim()).toBe(hostile[1]);
    const merged = await client.call('git_merge', { branch: 'side', mode: 'no_ff', message: hostile[2] });
    expect(merged.structuredContent).toMatchObject({ result: 'merge_commit' });
    expect(git(repo, 'log', '-1', '--format=%s').trim()).toBe(hostile[2]);
    expect(
      client.textOf(await client.call('git_stash', { action: 'drop', index: -1, confirm: true })),
    ).toMatch(/index/);
    expect(await fs.readdir(out)).toEqual([]);
    await client.close();
  });

  it('relies on --end-of-options only where git 2.39 honours it (the second line of defence)', async () => {
    const repo = await makeRepo();
    git(repo, 'branch', 'keep');
    const before = snapshot(repo);
    const table: [string[], RegExp][] = [
      [['branch', '--end-of-options', '-D', 'keep'], /'-D' is not a valid branch name/],
      [['branch', '-d', '--end-of-options', '--help'], /branch '--help' not found/],
      [['tag', '--end-of-options', '--output=x'], /'--output=x' is not a valid tag name/],
      [['switch', '--end-of-options', '-c'], /invalid reference: -c/],
      [['merge', '--no-edit', '--ff-only', '--end-of-options', '-D'], /-D - not something we can merge/],
      [['remote', 'get-url', '--all', '--end-of-options', '-v'], /No such remote '-v'/],
    ];
    for (const [args, message] of table) expect(() => git(repo, ...args)).toThrow(message);
    expect(git(repo, 'rev-parse', '--verify', '--quiet', '--end-of-options', 'keep')).toMatch(
      /^[0-9a-f]{40}\n$/,
    );
    expect(snapshot(repo)).toBe(before);
  });
});

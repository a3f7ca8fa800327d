import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo, writeAndCommit } from './helpers.js';

describe.each(['legacy', 'modern'] as const)('git_diff (%s)', (era) => {
  it('diffs the working tree against a revision, and two revisions as a range', async () => {
    const repo = await makeRepo([{ 'a.txt': 'one\n' }, { 'a.txt': 'two\n' }]);
    git(repo, 'checkout', '-q', '-b', 'feature');
    writeAndCommit(repo, { 'f.txt': 'feature\n' }, 'feature work');
    await fs.writeFile(path.join(repo, 'a.txt'), 'three\n');
    const client = await gitClient([repo], era);
    const tree = await client.call('git_diff', { target: 'HEAD~2' });
    expect(tree.structuredContent).toMatchObject({ file_count: 2, insertions: 2, deletions: 1 });
    expect(client.textOf(tree)).toContain('-one\n+three');
    const range = await client.call('git_diff', { target: 'main..feature', stat_only: true });
    expect(client.textOf(range)).toBe('1 file changed, 1 insertions(+), 0 deletions(-)\n+1 -0 f.txt');
    const mergeBase = await client.call('git_diff', { target: 'feature...main' });
    expect(client.textOf(mergeBase)).toBe('No differences against feature...main.');
    await client.close();
  });
});

describe('git_diff bad input', () => {
  it('names the target git does not know', async () => {
    const repo = await makeRepo();
    const client = await gitClient([repo]);
    for (const target of ['no-such-branch', 'main..nope', 'HEAD~5']) {
      const text = client.textOf(await client.call('git_diff', { target }));
      expect(text).toMatch(
        new RegExp(`^\\[not_found\\] target "${target.replace(/[.~]/g, '\\$&')}" names no revision`),
      );
    }
    expect((await client.call('git_diff', { target: '' })).isError).toBe(true);
    await client.close();
  });

  it('never lets a target or path act as an option, nor runs external diff or textconv programs', async () => {
    const repo = await makeRepo([{ 'a.txt': 'a\n' }]);
    const out = await tempDir();
    const marker = path.join(out, 'pwned');
    const script = path.join(out, 'evil.sh');
    await fs.writeFile(script, `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    git(repo, 'config', 'diff.external', script);
    git(repo, 'config', 'diff.evil.textconv', script);
    await fs.writeFile(path.join(repo, '.gitattributes'), '*.txt diff=evil\n');
    await fs.writeFile(path.join(repo, 'a.txt'), 'changed\n');
    const client = await gitClient([repo]);
    for (const target of [
      `--output=${marker}`,
      `-c core.sshCommand=touch ${marker}`,
      '--ext-diff',
      `--upload-pack=touch ${marker}`,
      'HEAD --output=x',
    ]) {
      const text = client.textOf(await client.call('git_diff', { target }));
      expect(text).toMatch(/^\[invalid_input\] target ".*" is not a revision this server accepts/);
    }
    for (const paths of [[`--output=${marker}`], [`-c core.sshCommand=touch ${marker}`], ['--ext-diff']]) {
      const result = await client.call('git_diff', { target: 'HEAD', paths });
      expect(client.textOf(result)).toBe('No differences against HEAD.');
    }
    for (const name of ['git_diff_unstaged', 'git_diff_staged', 'git_diff']) {
      const result = await client.call(name, { target: 'HEAD' });
      expect(result.isError).toBeFalsy();
    }
    const real = await client.call('git_diff', { target: 'HEAD' });
    expect(client.textOf(real)).toContain('-a\n+changed');
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(path.join(repo, 'x'))).toBe(false);
    await client.close();
  });
});

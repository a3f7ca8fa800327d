import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';
import { commitWith, expectError, expectNothingPlanted, injectionValues } from './history-fixtures.js';

async function history() {
  const repo = await makeRepo([
    { 'src/app.ts': 'line 1\nline 2\nline 3\n', 'notes.md': 'no newline at end' },
  ]);
  commitWith(
    repo,
    { 'src/app.ts': 'changed 1\n', 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]) },
    'Change',
  );
  return repo;
}

describe.each(['legacy', 'modern'] as const)('git_show_file (%s)', (era) => {
  it("returns a file's content at a revision, with its size and line count", async () => {
    const repo = await history();
    const client = await gitClient([repo], era);
    const old = await client.call('git_show_file', {
      repo_path: repo,
      revision: 'HEAD~1',
      path: 'src/app.ts',
    });
    expect(client.textOf(old)).toBe('line 1\nline 2\nline 3\n');
    expect(old.structuredContent).toEqual({
      revision: 'HEAD~1',
      path: 'src/app.ts',
      bytes: 21,
      lines: 3,
      binary: false,
      start_line: 1,
      end_line: 3,
    });
    const now = await client.call('git_show_file', {
      repo_path: repo,
      path: path.join(repo, 'src', 'app.ts'),
    });
    expect(client.textOf(now)).toBe('changed 1\n');
    expect(now.structuredContent).toMatchObject({ revision: 'HEAD', lines: 1 });
    await client.close();
  });
});

describe('git_show_file details', () => {
  it('reads line ranges, files gone from the working tree, and describes binary files', async () => {
    const repo = await history();
    rmSync(path.join(repo, 'notes.md'));
    const client = await gitClient([repo]);
    const call = (args: Record<string, unknown>) =>
      client.call('git_show_file', { repo_path: repo, ...args });
    const middle = await call({ revision: 'HEAD~1', path: 'src/app.ts', start_line: 2, end_line: 2 });
    expect(client.textOf(middle)).toBe('line 2\n');
    expect(middle.structuredContent).toMatchObject({ lines: 3, start_line: 2, end_line: 2 });
    expect(
      client.textOf(await call({ revision: 'HEAD~1', path: 'src/app.ts', start_line: 3, end_line: 99 })),
    ).toBe('line 3\n');
    expect(client.textOf(await call({ path: 'notes.md' }))).toBe('no newline at end');
    expect(client.textOf(await call({ path: 'src/../notes.md' }))).toBe('no newline at end');
    const binary = await call({ path: 'logo.png' });
    expect(binary.structuredContent).toMatchObject({ path: 'logo.png', bytes: 7, lines: 0, binary: true });
    expect(client.textOf(binary)).toBe(
      'logo.png at HEAD is a binary file (7 bytes); its content is not shown.',
    );
    await client.close();
  });

  it('says what is wrong: missing file, directory, unknown revision, range past the end', async () => {
    const repo = await history();
    const client = await gitClient([repo]);
    const call = (args: Record<string, unknown>, kind: string) =>
      expectError(client, 'git_show_file', { repo_path: repo, ...args }, kind);
    expect(await call({ path: 'logo.png', revision: 'HEAD~1' }, 'not_found')).toContain(
      'logo.png does not exist at HEAD~1',
    );
    expect(await call({ path: 'src' }, 'invalid_input')).toContain('src is a directory at HEAD');
    expect(await call({ path: '.' }, 'invalid_input')).toContain('repository itself');
    expect(await call({ path: 'notes.md', revision: 'nope' }, 'not_found')).toContain('revision "nope"');
    expect(await call({ path: 'src/app.ts', start_line: 5 }, 'invalid_input')).toContain(
      'has 1 line at HEAD',
    );
    expect(await call({ path: 'src/app.ts', start_line: 2, end_line: 1 }, 'invalid_input')).toContain(
      'end_line',
    );
    await client.close();
  });

  it('refuses option-looking revisions and paths leading out of the repository', async () => {
    const repo = await history();
    const outside = await tempDir({ 'secret.txt': 'secret\n' });
    git(outside, 'init', '-q');
    symlinkSync(outside, path.join(repo, 'link'));
    const { values, planted } = injectionValues(outside);
    const client = await gitClient([repo]);
    for (const revision of values) {
      await expectError(
        client,
        'git_show_file',
        { repo_path: repo, revision, path: 'notes.md' },
        'invalid_input',
      );
    }
    for (const bad of values) {
      // As a path each is a (missing) file name inside the repository, never an option.
      await expectError(client, 'git_show_file', { repo_path: repo, path: bad }, 'not_found');
    }
    expectNothingPlanted(planted);
    for (const bad of [
      '../secret.txt',
      path.join(outside, 'secret.txt'),
      'link/secret.txt',
      `${repo}/../x`,
    ]) {
      await expectError(client, 'git_show_file', { repo_path: repo, path: bad }, 'access_denied');
    }
    await client.close();
  });
});

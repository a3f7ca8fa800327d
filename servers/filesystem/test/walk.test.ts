import fs from 'node:fs/promises';
import path from 'node:path';
import { Sandbox } from '@bastion-mcp/runtime';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DENY, denyMatcher } from '../src/lib/deny.js';
import { globTest } from '../src/lib/globs.js';
import { type WalkOptions, walk } from '../src/lib/walk.js';

async function paths(root: string, start: string, options: Partial<WalkOptions> = {}) {
  const sandbox = new Sandbox([root], { isDenied: denyMatcher(DEFAULT_DENY) });
  const walked = await walk(start, {
    sandbox,
    root,
    signal: new AbortController().signal,
    dirs: true,
    ...options,
  });
  return walked.paths.sort();
}

describe('walk', () => {
  it('prunes excludes by name at any depth and by path from the start', async () => {
    const root = await tempDir({
      'a/node_modules/x.js': '',
      'node_modules/y.js': '',
      'src/gen/out.ts': '',
      'src/main.ts': '',
      'lib/gen/keep.ts': '',
      'notes.log': '',
      'deep/er/trace.log': '',
    });
    const exclude = globTest(['node_modules', 'src/gen', '*.log'], 'excludePatterns');
    expect(await paths(root, root, { exclude, dirs: false })).toEqual(['lib/gen/keep.ts', 'src/main.ts']);
    const anchored = globTest(['/gen', 'deep/**'], 'excludePatterns');
    expect(await paths(root, path.join(root, 'src'), { exclude: anchored })).toEqual(['main.ts']);
  });

  it('follows root, nested and outer .gitignore files, negations included, unless told not to', async () => {
    const root = await tempDir({
      '.gitignore': 'dist/\n*.tmp\n',
      'dist/bundle.js': '',
      'a.tmp': '',
      'pkg/.gitignore': '!keep.tmp\ncache\n',
      'pkg/keep.tmp': '',
      'pkg/drop.tmp': '',
      'pkg/cache/c.bin': '',
      'pkg/src/cache': '',
      'pkg/src/index.ts': '',
    });
    expect(await paths(root, root, { dirs: false })).toEqual([
      '.gitignore',
      'pkg/.gitignore',
      'pkg/keep.tmp',
      'pkg/src/index.ts',
    ]);
    // Started below the repository top, the outer .gitignore still applies.
    expect(await paths(root, path.join(root, 'pkg'), { dirs: false })).toEqual([
      '.gitignore',
      'keep.tmp',
      'src/index.ts',
    ]);
    // A folder asked for by name is walked even though an outer .gitignore ignores it.
    expect(await paths(root, path.join(root, 'dist'))).toEqual(['bundle.js']);
    const all = await paths(root, root, { respectGitignore: false, dirs: false });
    expect(all).toContain('dist/bundle.js');
    expect(all).toContain('pkg/cache/c.bin');
  });

  it('skips .git, denied files and denied folders', async () => {
    const root = await tempDir({
      '.git/HEAD': 'ref',
      '.env': 'SECRET=1',
      '.env.local': 'SECRET=2',
      'home/.ssh/id_rsa': 'key',
      'home/.aws/credentials': 'key',
      'home/notes.md': '',
    });
    expect(await paths(root, root)).toEqual(['home/', 'home/notes.md']);
  });

  it('lists symlinks without following them, out of the tree or in a loop', async () => {
    const base = await tempDir({ 'root/docs/a.md': '', 'outside/secret.txt': 'secret' });
    const root = path.join(base, 'root');
    await fs.symlink(path.join(base, 'outside'), path.join(root, 'out'));
    await fs.symlink(root, path.join(root, 'docs/loop'));
    await fs.symlink('ping', path.join(root, 'pong'));
    await fs.symlink('pong', path.join(root, 'ping'));
    const sandbox = new Sandbox([root]);
    const walked = await walk(root, { sandbox, root, signal: new AbortController().signal, symlinks: true });
    expect(walked.paths.sort()).toEqual(['docs/a.md', 'docs/loop', 'out', 'ping', 'pong']);
    expect([...walked.links].sort()).toEqual(['docs/loop', 'out', 'ping', 'pong']);
    expect(await paths(root, root, { symlinks: false, dirs: false })).toEqual(['docs/a.md']);
  });

  it('stops at maxDepth and at the limit', async () => {
    const root = await tempDir({ 'a/b/c/d.txt': '', 'a/x.txt': '', 'top.txt': '' });
    expect(await paths(root, root, { maxDepth: 1 })).toEqual(['a/', 'top.txt']);
    expect(await paths(root, root, { maxDepth: 2 })).toEqual(['a/', 'a/b/', 'a/x.txt', 'top.txt']);
    const sandbox = new Sandbox([root]);
    const limited = await walk(root, { sandbox, root, signal: new AbortController().signal, limit: 2 });
    expect(limited).toMatchObject({ truncated: true, paths: expect.any(Array) });
    expect(limited.paths).toHaveLength(2);
  });
});

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { atomicWrite, isWithin, narrowRoots, normalizePath, Sandbox, ToolError } from '../src/index.js';
import { tempDir } from '../src/testing/index.js';

describe('isWithin compares whole segments', () => {
  it.each([
    ['/data/root', '/data/root', true],
    ['/data/root', '/data/root/a/b', true],
    ['/data/root', '/data/root2', false],
    ['/data/root', '/data/root2/x', false],
    ['/data/root', '/data/roo', false],
    ['/data/root', '/data', false],
    ['/', '/anything', true],
    ['/data/root/', '/data/root/x', true],
  ])('%s contains %s: %s', (root, target, expected) => {
    expect(isWithin(root, target)).toBe(expected);
  });
});

describe('normalizePath', () => {
  it.each([
    ['/a/b/../c', '/a/c'],
    ['/a/./b//c/', '/a/b/c'],
    ['rel/x', '/base/rel/x'],
    ['../escape', '/escape'],
    ['~', os.homedir()],
    ['~/notes', path.join(os.homedir(), 'notes')],
    ['~user/x', '/base/~user/x'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizePath(input, { base: '/base' })).toBe(expected);
  });

  it.each([
    ['a\0b', /NUL/],
    ['C:\\Windows\\system32', /Windows-style/],
    ['c:/Users', /Windows-style/],
    ['\\\\server\\share', /Windows-style/],
    ['', /empty/],
  ])('refuses %j', (input, message) => {
    expect(() => normalizePath(input, { base: '/base' })).toThrow(message);
  });
});

describe('Sandbox.resolve on a real filesystem', () => {
  let root: string;
  let outside: string;
  let sandbox: Sandbox;
  const denied = async (p: string, message: RegExp = /outside the allowed directories/) => {
    const error = await sandbox.resolve(p).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).kind).toBe('access_denied');
    expect((error as ToolError).message).toMatch(message);
  };

  beforeAll(async () => {
    const base = await tempDir();
    root = path.join(base, 'root');
    outside = path.join(base, 'root2'); // shares the root's name prefix
    await fs.mkdir(path.join(root, 'sub'), { recursive: true });
    await fs.mkdir(outside);
    await fs.writeFile(path.join(root, 'sub', 'ok.txt'), 'ok');
    await fs.writeFile(path.join(outside, 'secret.txt'), 'secret');
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'file-link'));
    await fs.symlink(outside, path.join(root, 'dir-link'));
    await fs.symlink(path.join(root, 'chain2'), path.join(root, 'chain1'));
    await fs.symlink(path.join(root, 'dir-link'), path.join(root, 'chain2'));
    await fs.symlink(path.join(root, 'loop-b'), path.join(root, 'loop-a'));
    await fs.symlink(path.join(root, 'loop-a'), path.join(root, 'loop-b'));
    await fs.symlink(path.join(outside, 'not-yet'), path.join(root, 'dangling-out'));
    await fs.symlink(path.join(root, 'sub', 'later.txt'), path.join(root, 'dangling-in'));
    await fs.symlink(path.join(root, 'sub'), path.join(root, 'inner-link'));
    sandbox = new Sandbox([root], { isDenied: (p) => p.endsWith('.env') });
    await fs.writeFile(path.join(root, '.env'), 'KEY=1');
    await fs.symlink(path.join(root, '.env'), path.join(root, 'innocent'));
  });

  it('resolves files inside, relative paths against the first root, and inner symlinks', async () => {
    expect((await sandbox.resolve(path.join(root, 'sub/ok.txt'))).path).toBe(path.join(root, 'sub/ok.txt'));
    expect((await sandbox.resolve('sub/ok.txt')).exists).toBe(true);
    expect((await sandbox.resolve(path.join(root, 'inner-link/ok.txt'))).path).toBe(
      path.join(root, 'sub/ok.txt'),
    );
  });

  it('resolves a missing target through its deepest existing ancestor', async () => {
    const r = await sandbox.resolve(path.join(root, 'inner-link/new/deeper/file.txt'));
    expect(r).toEqual({ path: path.join(root, 'sub/new/deeper/file.txt'), root, exists: false });
  });

  it('follows a dangling symlink inside to its target inside', async () => {
    expect((await sandbox.resolve(path.join(root, 'dangling-in'))).path).toBe(
      path.join(root, 'sub/later.txt'),
    );
  });

  it.each([
    ['a sibling sharing the name prefix', () => path.join(outside, 'secret.txt')],
    ['.. out of the root', () => path.join(root, '../root2/secret.txt')],
    ['a relative .. escape', () => '../root2/secret.txt'],
    ['an absolute path outside', () => '/etc/passwd'],
    ['a symlinked file leading out', () => path.join(root, 'file-link')],
    ['a symlinked directory leading out', () => path.join(root, 'dir-link/secret.txt')],
    ['a symlink in the middle of a path', () => path.join(root, 'dir-link/new/x.txt')],
    ['a chain of symlinks leading out', () => path.join(root, 'chain1/secret.txt')],
    ['a dangling symlink pointing outside', () => path.join(root, 'dangling-out')],
    ['a file below a dangling symlink pointing outside', () => path.join(root, 'dangling-out/child')],
  ])('refuses %s', async (_label, target) => {
    await denied(target());
  });

  it('does not create the target of a dangling symlink when refusing', async () => {
    await denied(path.join(root, 'dangling-out'));
    await expect(fs.access(path.join(outside, 'not-yet'))).rejects.toThrow();
  });

  it('reports a symlink loop clearly', async () => {
    await expect(sandbox.resolve(path.join(root, 'loop-a'))).rejects.toThrow(/symlink loop/);
  });

  it('applies the deny rule to the real path, also through a symlink', async () => {
    await denied(path.join(root, '.env'), /deny list/);
    await denied(path.join(root, 'innocent'), /deny list/);
  });

  it('refuses NUL bytes and Windows paths as access_denied', async () => {
    await denied(`${root}/a\0b`, /NUL/);
    await denied('C:\\Users\\me', /Windows-style/);
  });

  it.each([
    ['a path over the length cap', () => `${root}/${'a/'.repeat(3000)}x`, /4096/],
    ['a name over 255 bytes', () => `${root}/${'n'.repeat(300)}`, /too long a name/],
    [
      'a name over 255 bytes below a missing folder',
      () => `${root}/missing/${'n'.repeat(300)}/x`,
      /too long a name/,
    ],
    ['a file used as a folder', () => `${root}/sub/ok.txt/deeper`, /is a file, not a directory/],
    ['a loop of symlinks', () => `${root}/loop-a/x`, /symlink loop/],
  ])('maps %s to invalid_input with a fix, not an internal error', async (_, make, message) => {
    const error = (await sandbox.resolve(make()).catch((e: unknown) => e)) as ToolError;
    expect(error).toBeInstanceOf(ToolError);
    expect(error.kind).toBe('invalid_input');
    expect(error.toText()).toMatch(message);
    expect(error.toText()).toMatch(/\nFix: \S/);
  });

  it('with no roots refuses everything and says how to configure', async () => {
    const empty = new Sandbox([], { noRootsHint: 'Pass directories on the command line.' });
    const error = (await empty.resolve('/tmp').catch((e: unknown) => e)) as ToolError;
    expect(error.kind).toBe('access_denied');
    expect(error.toText()).toMatch(/No allowed directories.*\nFix: Pass directories on the command line\./s);
  });
});

describe('atomicWrite', () => {
  it('keeps mode bits and leaves no temp file', async () => {
    const dir = await tempDir({ 'a.sh': 'old' });
    const file = path.join(dir, 'a.sh');
    await fs.chmod(file, 0o751);
    await atomicWrite(file, 'new');
    expect(await fs.readFile(file, 'utf8')).toBe('new');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o751);
    expect(await fs.readdir(dir)).toEqual(['a.sh']);
  });

  it('replaces a planted symlink instead of writing through it', async () => {
    const dir = await tempDir({ 'victim.txt': 'precious' });
    const target = path.join(dir, 'out.txt');
    await fs.symlink(path.join(dir, 'victim.txt'), target);
    await atomicWrite(target, 'written');
    expect(await fs.readFile(path.join(dir, 'victim.txt'), 'utf8')).toBe('precious');
    expect((await fs.lstat(target)).isSymbolicLink()).toBe(false);
    expect(await fs.readFile(target, 'utf8')).toBe('written');
  });

  it('exclusive mode refuses an existing target and cleans up', async () => {
    const dir = await tempDir({ 'x.txt': 'keep' });
    await expect(atomicWrite(path.join(dir, 'x.txt'), 'no', { exclusive: true })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/already exists/),
    });
    expect(await fs.readFile(path.join(dir, 'x.txt'), 'utf8')).toBe('keep');
    expect(await fs.readdir(dir)).toEqual(['x.txt']);
  });

  it('a folder at the target is an invalid_input the model can fix, and leaves no temp file', async () => {
    const dir = await tempDir({ 'sub/x.txt': 'keep' });
    await expect(atomicWrite(path.join(dir, 'sub'), 'no')).rejects.toMatchObject({ kind: 'invalid_input' });
    expect(await fs.readdir(dir)).toEqual(['sub']);
  });

  it('a failing beforeCommit leaves the target untouched', async () => {
    const dir = await tempDir({ 'x.txt': 'keep' });
    const veto = async () => {
      throw new Error('veto');
    };
    await expect(atomicWrite(path.join(dir, 'x.txt'), 'no', { beforeCommit: veto })).rejects.toThrow('veto');
    expect(await fs.readFile(path.join(dir, 'x.txt'), 'utf8')).toBe('keep');
    expect(await fs.readdir(dir)).toEqual(['x.txt']);
  });
});

describe('narrowRoots never widens', () => {
  it.each([
    ['client inside CLI root', ['/a'], ['/a/b'], ['/a/b']],
    ['CLI root inside client root', ['/a/b'], ['/a'], ['/a/b']],
    ['client root elsewhere', ['/a'], ['/z'], []],
    ['prefix sibling', ['/a'], ['/ab'], []],
    ['no CLI roots: client defines them', [], ['/z', '/y'], ['/z', '/y']],
    ['several', ['/a', '/b'], ['/a/x', '/b', '/c'], ['/a/x', '/b']],
  ])('%s', (_label, cli, client, expected) => {
    expect(narrowRoots(cli, client)).toEqual(expected);
  });
});

describe('Sandbox.resolveEntry does not follow the last component', () => {
  it('returns a symlink itself when its target is inside, refuses one leading out or whose parent leads out', async () => {
    const base = await tempDir();
    const root = path.join(base, 'root');
    await fs.mkdir(path.join(root, 'sub'), { recursive: true });
    await fs.symlink('/etc/passwd', path.join(root, 'link-out'));
    await fs.symlink(base, path.join(root, 'up'));
    await fs.writeFile(path.join(root, '.env'), 'x');
    const sandbox = new Sandbox([root], { isDenied: (p) => p.endsWith('.env') });
    await fs.symlink(path.join(root, 'sub'), path.join(root, 'link-in'));
    expect(await sandbox.resolveEntry(path.join(root, 'link-in'))).toEqual({
      path: path.join(root, 'link-in'),
      root,
      exists: true,
    });
    await expect(sandbox.resolveEntry(path.join(root, 'link-out'))).rejects.toThrow(
      /outside the allowed directories/,
    );
    expect((await sandbox.resolveEntry('sub/new.txt')).exists).toBe(false);
    await expect(sandbox.resolveEntry(path.join(root, 'up', 'x'))).rejects.toThrow(
      /outside the allowed directories/,
    );
    await expect(sandbox.resolveEntry(`${root}2/x`)).rejects.toThrow(/outside the allowed directories/);
    await expect(sandbox.resolveEntry(path.join(root, '.env'))).rejects.toThrow(/deny list/);
    await expect(sandbox.resolveEntry(root)).resolves.toMatchObject({ path: root });
  });
});

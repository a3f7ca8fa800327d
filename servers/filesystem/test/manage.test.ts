import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { fsClient } from './helpers.js';

async function workspace() {
  const base = await tempDir({
    'root/a.txt': 'alpha\n',
    'root/docs/b.md': '# b\n',
    'root/big.bin': 'x'.repeat(5000),
    'root/.env': 'SECRET=1\n',
    'outside/secret.txt': 'secret\n',
  });
  const root = path.join(base, 'root');
  await fs.symlink(path.join(base, 'outside'), path.join(root, 'out-link'));
  await fs.symlink(path.join(root, 'docs'), path.join(root, 'docs-link'));
  return { base, root };
}

describe.each(['legacy', 'modern'] as const)('listing and info (%s)', (era) => {
  it('list_directory marks [DIR]/[FILE], hides denied entries, shows outside links as [LINK]', async () => {
    const { root } = await workspace();
    const client = await fsClient([root], era);
    const result = await client.call('list_directory', { path: root });
    expect(client.textOf(result)).toBe(
      '[FILE] a.txt\n[FILE] big.bin\n[DIR] docs\n[DIR] docs-link\n[LINK] out-link',
    );
    expect(result.structuredContent).toMatchObject({
      path: root,
      entries: expect.arrayContaining([{ name: 'a.txt', type: 'file' }]),
    });
    await client.close();
  });

  it('list_directory_with_sizes sorts by size and totals', async () => {
    const { root } = await workspace();
    const client = await fsClient([root], era);
    const result = await client.call('list_directory_with_sizes', { path: '.', sortBy: 'size' });
    const text = client.textOf(result);
    expect(text.split('\n')[0]).toMatch(/^\[FILE\] big\.bin\s+4\.88 KB$/);
    expect(text).toMatch(/Total: 2 files, 2 directories\nCombined size: 4\.89 KB$/);
    expect(result.structuredContent).toMatchObject({ files: 2, directories: 2, totalSize: 5006 });
    await client.close();
  });

  it('get_file_info reports type, size and permissions', async () => {
    const { root } = await workspace();
    await fs.chmod(path.join(root, 'a.txt'), 0o640);
    const client = await fsClient([root], era);
    const result = await client.call('get_file_info', { path: 'a.txt' });
    expect(result.structuredContent).toMatchObject({
      path: path.join(root, 'a.txt'),
      type: 'file',
      size: 6,
      permissions: '640',
    });
    expect(client.textOf(result)).toMatch(/^path: .*\ntype: file\nsize: 6\ncreated: \d{4}-/);
    await client.close();
  });

  it('list_allowed_directories lists the real roots', async () => {
    const { root } = await workspace();
    const client = await fsClient([root], era);
    expect(client.textOf(await client.call('list_allowed_directories'))).toBe(
      `Allowed directories:\n${root}`,
    );
    await client.close();
  });
});

describe('writing', () => {
  it('write_file creates (with parents) and replaces atomically, keeping mode bits', async () => {
    const { root } = await workspace();
    const client = await fsClient([root]);
    const created = await client.call('write_file', { path: 'new/deep/c.txt', content: 'héllo' });
    expect(created.structuredContent).toEqual({
      path: path.join(root, 'new/deep/c.txt'),
      bytes: 6,
      created: true,
    });
    await fs.chmod(path.join(root, 'a.txt'), 0o751);
    const replaced = await client.call('write_file', { path: 'a.txt', content: 'beta' });
    expect(client.textOf(replaced)).toBe(`Replaced ${path.join(root, 'a.txt')} (4 bytes)`);
    expect((await fs.stat(path.join(root, 'a.txt'))).mode & 0o777).toBe(0o751);
    const dir = await client.call('write_file', { path: 'docs', content: 'x' });
    expect(client.textOf(dir)).toMatch(/^\[invalid_input\] .*docs is a directory\./);
    await client.close();
  });

  it('write_file replaces a symlink at the path instead of writing through it', async () => {
    const { root } = await workspace();
    await fs.symlink(path.join(root, 'a.txt'), path.join(root, 'planted'));
    const client = await fsClient([root]);
    const result = await client.call('write_file', { path: 'planted', content: 'new' });
    expect(result.structuredContent).toMatchObject({ path: path.join(root, 'planted'), created: false });
    expect((await fs.lstat(path.join(root, 'planted'))).isSymbolicLink()).toBe(false);
    expect(await fs.readFile(path.join(root, 'planted'), 'utf8')).toBe('new');
    expect(await fs.readFile(path.join(root, 'a.txt'), 'utf8')).toBe('alpha\n');
    await client.close();
  });

  it('create_directory creates parents, is quiet when present, refuses a file in the way', async () => {
    const { root } = await workspace();
    const client = await fsClient([root]);
    expect((await client.call('create_directory', { path: 'x/y/z' })).structuredContent).toMatchObject({
      created: true,
    });
    expect((await client.call('create_directory', { path: 'x/y/z' })).structuredContent).toMatchObject({
      created: false,
    });
    expect(client.textOf(await client.call('create_directory', { path: 'a.txt' }))).toMatch(/^\[conflict\]/);
    await client.close();
  });

  it('move_file renames, refuses to overwrite, moves a symlink itself, refuses one leading out', async () => {
    const { root, base } = await workspace();
    const client = await fsClient([root]);
    await client.call('move_file', { source: 'a.txt', destination: 'docs/a2.txt' });
    expect(await fs.readFile(path.join(root, 'docs/a2.txt'), 'utf8')).toBe('alpha\n');
    const clash = await client.call('move_file', { source: 'docs/a2.txt', destination: 'docs/b.md' });
    expect(client.textOf(clash)).toMatch(/^\[conflict\] .*b\.md already exists/);
    expect(await fs.readFile(path.join(root, 'docs/b.md'), 'utf8')).toBe('# b\n');
    await client.call('move_file', { source: 'docs-link', destination: 'renamed-link' });
    expect((await fs.lstat(path.join(root, 'renamed-link'))).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(path.join(root, 'renamed-link/a2.txt'), 'utf8')).toBe('alpha\n');
    const outward = await client.call('move_file', { source: 'out-link', destination: 'renamed-out' });
    expect(client.textOf(outward)).toMatch(/^\[access_denied\]/);
    expect(await fs.readdir(path.join(base, 'outside'))).toEqual(['secret.txt']);
    expect(client.textOf(await client.call('move_file', { source: root, destination: `${root}/x` }))).toMatch(
      /^\[access_denied\]/,
    );
    expect(client.textOf(await client.call('move_file', { source: 'nope', destination: 'n2' }))).toMatch(
      /^\[not_found\]/,
    );
    await client.close();
  });

  it('move_file refuses to move a folder holding a denied file to a name the deny list does not cover', async () => {
    const { root } = await workspace();
    await fs.mkdir(path.join(root, 'proj/.git'), { recursive: true });
    await fs.writeFile(path.join(root, 'proj/.git/config'), '[remote] url = https://user:token@host/r\n');
    const client = await fsClient([root]);
    const moved = await client.call('move_file', { source: 'proj/.git', destination: 'proj/g' });
    expect(client.textOf(moved)).toMatch(/^\[access_denied\] .*contains config, which is on the deny list/);
    expect(await fs.readdir(path.join(root, 'proj'))).toEqual(['.git']);
    await client.close();
  });

  it('copy_file copies, refuses to overwrite unless asked, refuses folders', async () => {
    const { root } = await workspace();
    const client = await fsClient([root]);
    await client.call('copy_file', { source: 'a.txt', destination: 'a-copy.txt' });
    expect(await fs.readFile(path.join(root, 'a-copy.txt'), 'utf8')).toBe('alpha\n');
    await fs.writeFile(path.join(root, 'a-copy.txt'), 'changed');
    expect(
      client.textOf(await client.call('copy_file', { source: 'a.txt', destination: 'a-copy.txt' })),
    ).toMatch(/^\[conflict\]/);
    expect(await fs.readFile(path.join(root, 'a-copy.txt'), 'utf8')).toBe('changed');
    await client.call('copy_file', { source: 'a.txt', destination: 'a-copy.txt', overwrite: true });
    expect(await fs.readFile(path.join(root, 'a-copy.txt'), 'utf8')).toBe('alpha\n');
    expect(client.textOf(await client.call('copy_file', { source: 'docs', destination: 'd2' }))).toMatch(
      /^\[invalid_input\]/,
    );
    await client.close();
  });

  it('delete_path is off by default; with the delete toolset it needs recursive for full folders', async () => {
    const { root } = await workspace();
    const off = await fsClient([root]);
    await expect(off.call('delete_path', { path: 'a.txt' })).rejects.toMatchObject({ code: -32602 });
    await off.close();
    const client = await fsClient([root, '--toolsets', 'default,delete']);
    await client.call('delete_path', { path: 'a.txt' });
    await expect(fs.access(path.join(root, 'a.txt'))).rejects.toThrow();
    expect(client.textOf(await client.call('delete_path', { path: 'docs' }))).toMatch(
      /^\[conflict\] .*not empty/,
    );
    await client.call('delete_path', { path: 'docs-link' });
    expect(await fs.readFile(path.join(root, 'docs/b.md'), 'utf8')).toBe('# b\n');
    await client.call('delete_path', { path: 'docs', recursive: true });
    await expect(fs.access(path.join(root, 'docs'))).rejects.toThrow();
    await fs.mkdir(path.join(root, 'keys/.ssh'), { recursive: true });
    await fs.writeFile(path.join(root, 'keys/.ssh/id'), 'k');
    expect(client.textOf(await client.call('delete_path', { path: 'keys', recursive: true }))).toMatch(
      /deny list/,
    );
    expect(await fs.readFile(path.join(root, 'keys/.ssh/id'), 'utf8')).toBe('k');
    expect(client.textOf(await client.call('delete_path', { path: root, recursive: true }))).toMatch(
      /^\[access_denied\]/,
    );
    await client.close();
  });
});

describe('read_media_file', () => {
  it('returns images as image content, other files as a resource blob, and enforces the size cap', async () => {
    const { root } = await workspace();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
      'base64',
    );
    await fs.writeFile(path.join(root, 'dot.png'), png);
    const client = await fsClient([root, '--max-file-size', '1000']);
    const image = await client.call('read_media_file', { path: 'dot.png' });
    expect(image.content[0]).toEqual({ type: 'image', mimeType: 'image/png', data: png.toString('base64') });
    expect(image.structuredContent).toEqual({
      path: path.join(root, 'dot.png'),
      mimeType: 'image/png',
      bytes: png.length,
    });
    const other = await client.call('read_media_file', { path: 'a.txt' });
    expect(other.content[0]).toMatchObject({
      type: 'resource',
      resource: { mimeType: 'application/octet-stream', blob: Buffer.from('alpha\n').toString('base64') },
    });
    expect(client.textOf(await client.call('read_media_file', { path: 'big.bin' }))).toMatch(
      /^\[too_large\]/,
    );
    await client.close();
  });
});

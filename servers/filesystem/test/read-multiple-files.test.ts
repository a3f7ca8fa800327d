import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { fsClient } from './helpers.js';

let base: string;
let root: string;

beforeAll(async () => {
  base = await tempDir({
    'root/a.txt': 'alpha\n',
    'root/b.txt': 'beta',
    'root/crlf.txt': 'one\r\ntwo\r\n',
    'root/dir/inner.txt': 'inner\n',
    'root/.env': 'SECRET=1\n',
    'root/big.txt': 'x'.repeat(300),
    'outside/secret.txt': 'secret\n',
  });
  root = path.join(base, 'root');
  await fs.writeFile(path.join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
  await fs.symlink(path.join(base, 'outside/secret.txt'), path.join(root, 'link-file'));
  await fs.symlink(path.join(root, '.env'), path.join(root, 'env-link'));
});

describe.each(['legacy', 'modern'] as const)('read_multiple_files (%s)', (era) => {
  it('returns each file under its path, in order', async () => {
    const client = await fsClient([root], era);
    const result = await client.call('read_multiple_files', { paths: ['b.txt', 'a.txt', 'crlf.txt'] });
    expect(result.isError).toBeFalsy();
    expect(client.textOf(result)).toBe('b.txt:\nbeta\n---\na.txt:\nalpha\n\n---\ncrlf.txt:\none\r\ntwo\r\n');
    expect(result.structuredContent).toEqual({
      files: [
        { path: 'b.txt', bytes: 4 },
        { path: 'a.txt', bytes: 6 },
        { path: 'crlf.txt', bytes: 10 },
      ],
    });
    await client.close();
  });
});

describe('read_multiple_files errors', () => {
  it('reports each failure for its file and still returns the others', async () => {
    const client = await fsClient([root, '--max-file-size', '100']);
    const paths = ['a.txt', 'missing.txt', 'image.png', 'dir', 'big.txt', '.env', 'env-link', 'link-file'];
    const result = await client.call('read_multiple_files', { paths });
    expect(result.isError).toBeFalsy();
    const parts = client.textOf(result).split('\n---\n');
    expect(parts).toHaveLength(paths.length);
    expect(parts[0]).toBe('a.txt:\nalpha\n');
    expect(parts[1]).toMatch(/^missing\.txt: Error - \[not_found\] .*missing\.txt does not exist\.$/);
    expect(parts[2]).toMatch(/^image\.png: Error - \[invalid_input\] .* looks binary/);
    expect(parts[3]).toMatch(/^dir: Error - \[invalid_input\] .* is a directory/);
    expect(parts[4]).toMatch(/^big\.txt: Error - \[too_large\] .*300 bytes/);
    for (const denied of parts.slice(5)) expect(denied).toMatch(/^[^:]+: Error - \[access_denied\] /);
    const files = (result.structuredContent as { files: { error?: { kind: string; fix: string } }[] }).files;
    expect(files[2]?.error).toMatchObject({
      kind: 'invalid_input',
      fix: expect.stringMatching(/read_media_file/),
    });
    expect(files[4]?.error?.fix).toMatch(/read_text_file and head, tail, or offset and limit/);
    await client.close();
  });

  it('is an error only when every file failed', async () => {
    const client = await fsClient([root]);
    const outside = path.join(base, 'outside/secret.txt');
    const result = await client.call('read_multiple_files', {
      paths: ['missing.txt', '../outside/secret.txt', outside],
    });
    expect(result.isError).toBe(true);
    expect(client.textOf(result).split('\n---\n')).toEqual([
      expect.stringMatching(/^missing\.txt: Error - \[not_found\]/),
      expect.stringMatching(/^\.\.\/outside\/secret\.txt: Error - \[access_denied\]/),
      expect.stringMatching(/: Error - \[access_denied\]/),
    ]);
    await client.close();
  });

  it('keeps the whole call within maxFileSize bytes', async () => {
    const client = await fsClient([root, '--max-file-size', '500']);
    const result = await client.call('read_multiple_files', { paths: ['big.txt', 'big.txt', 'a.txt'] });
    const files = (result.structuredContent as { files: { bytes?: number; error?: { message: string } }[] })
      .files;
    expect(files[0]?.bytes).toBe(300);
    expect(files[1]?.error?.message).toMatch(/would take this call past its 500-byte total/);
    expect(files[2]?.bytes).toBe(6);
    expect(client.textOf(result)).toMatch(/\n---\na\.txt:\nalpha\n$/);
    await client.close();
  });

  it('rejects an empty list and more than 100 paths', async () => {
    const client = await fsClient([root]);
    expect((await client.call('read_multiple_files', { paths: [] })).isError).toBe(true);
    const many = Array.from({ length: 101 }, () => 'a.txt');
    expect(client.textOf(await client.call('read_multiple_files', { paths: many }))).toMatch(/paths/);
    await client.close();
  });
});

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
    'root/dir/inner.txt': 'inner\n',
    'root/.env': 'SECRET=1\n',
    'root-evil/secret.txt': 'evil\n',
    'outside/secret.txt': 'secret\n',
  });
  root = path.join(base, 'root');
  await fs.writeFile(path.join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
  await fs.writeFile(path.join(root, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  await fs.symlink(path.join(base, 'outside/secret.txt'), path.join(root, 'link-file'));
  await fs.symlink(path.join(base, 'outside'), path.join(root, 'link-dir'));
  await fs.symlink(path.join(root, '.env'), path.join(root, 'env-link'));
});

async function callText(args: Record<string, unknown>, argv: string[] = []) {
  const client = await fsClient([root, ...argv]);
  const result = await client.call('read_text_file', args);
  await client.close();
  return { isError: result.isError, text: client.textOf(result) };
}

describe('read_text_file refusals', () => {
  it('combining head and tail (or either with offset/limit) is invalid_input naming the fields', async () => {
    const both = await callText({ path: 'a.txt', head: 1, tail: 1 });
    expect(both.isError).toBe(true);
    expect(both.text).toMatch(
      /^\[invalid_input\] head and tail cannot be combined\.\nFix: Pass head .* or tail/,
    );
    const mixed = await callText({ path: 'a.txt', tail: 1, offset: 2, limit: 1 });
    expect(mixed.text).toMatch(/^\[invalid_input\] tail cannot be combined with offset and limit\./);
    const negative = await callText({ path: 'a.txt', head: -1 });
    expect(negative.isError).toBe(true);
    expect(negative.text).toMatch(/head/);
  });

  it('refuses binary files, pointing at read_media_file, and folders', async () => {
    for (const file of ['image.png', 'latin1.txt']) {
      const binary = await callText({ path: file });
      expect(binary.text).toMatch(/^\[invalid_input\] .* looks binary .*\nFix: Use read_media_file/);
    }
    const dir = await callText({ path: 'dir' });
    expect(dir.text).toMatch(
      /^\[invalid_input\] .*dir is a directory, not a file\.\nFix: Use list_directory/,
    );
  });

  it('reports a missing file as not_found', async () => {
    expect((await callText({ path: 'nope.txt' })).text).toMatch(
      /^\[not_found\] .*nope\.txt does not exist\./,
    );
  });

  it('refuses a whole read over maxFileSize but serves ranges of the same file', async () => {
    await fs.writeFile(path.join(root, 'mid.txt'), 'row\n'.repeat(100));
    const whole = await callText({ path: 'mid.txt' }, ['--max-file-size', '100']);
    expect(whole.text).toMatch(
      /^\[too_large\] .*mid\.txt is 400 bytes; a whole-file read loads at most 100\./,
    );
    expect(whole.text).toMatch(/Fix: Read part of it: head or tail .*offset and limit/);
    expect((await callText({ path: 'mid.txt', tail: 3 }, ['--max-file-size', '100'])).text).toBe(
      'row\n'.repeat(3),
    );
    const tooMany = await callText({ path: 'mid.txt', offset: 2 }, ['--max-file-size', '100']);
    expect(tooMany.text).toMatch(/^\[too_large\] The lines asked for come to more than 100 bytes/);
  });
});

describe('read_text_file containment', () => {
  const denied = [
    ['a symlink to a file outside', 'link-file'],
    ['a symlink to a folder outside', 'link-dir/secret.txt'],
    ['a .. escape', '../outside/secret.txt'],
    ['an absolute path outside', () => path.join(base, 'outside/secret.txt')],
    ['a sibling sharing the root name as prefix', () => path.join(base, 'root-evil/secret.txt')],
    ['a denied file', '.env'],
    ['a symlink to a denied file', 'env-link'],
  ] as const;
  it.each(denied)('refuses %s', async (_, target) => {
    const result = await callText({ path: typeof target === 'function' ? target() : target, tail: 1 });
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/^\[access_denied\] /);
  });
});

describe('read_text_file on a ~200 MB file', () => {
  it('tails and heads it; a whole read is refused', async () => {
    const big = await tempDir();
    const block = Buffer.from(
      Array.from({ length: 16384 }, (_, i) => `row ${String(i).padStart(58)}\n`).join(''),
    );
    const file = await fs.open(path.join(big, 'big.log'), 'w');
    for (let i = 0; i < 200; i++) await file.write(block);
    await file.write('the end\n');
    await file.close();
    const client = await fsClient([big]);
    const tail = await client.call('read_text_file', { path: 'big.log', tail: 2 });
    expect(client.textOf(tail)).toBe(`row ${String(16383).padStart(58)}\nthe end\n`);
    const head = await client.call('read_text_file', { path: 'big.log', head: 1 });
    expect(client.textOf(head)).toBe(`row ${String(0).padStart(58)}\n`);
    const whole = await client.call('read_text_file', { path: 'big.log' });
    expect(client.textOf(whole)).toMatch(/^\[too_large\] /);
    await client.close();
  });
});

import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../src/lib/lines.js';
import { fsClient } from './helpers.js';

let root: string;
const emoji = `${'x'.repeat(CHUNK_SIZE - 2)}😀\nsecond 😀\n`;

beforeAll(async () => {
  const base = await tempDir({
    'root/lines.txt': 'one\ntwo\nthree\nfour\nfive\n',
    'root/no-newline.txt': 'a\nb\nc',
    'root/crlf.txt': 'a\r\nb\r\nc\r\n',
    'root/empty.txt': '',
    'root/emoji.txt': emoji,
  });
  root = path.join(base, 'root');
});

describe.each(['legacy', 'modern'] as const)('read_text_file basics (%s)', (era) => {
  it('reads a whole file, with the line facts in structuredContent', async () => {
    const client = await fsClient([root], era);
    const result = await client.call('read_text_file', { path: 'lines.txt' });
    expect(client.textOf(result)).toBe('one\ntwo\nthree\nfour\nfive\n');
    expect(result.structuredContent).toEqual({
      path: path.join(root, 'lines.txt'),
      lineCount: 5,
      startLine: 1,
      endLine: 5,
      totalLines: 5,
    });
    await client.close();
  });

  it('reads head, tail and a range, and answers under the read_file alias', async () => {
    const client = await fsClient([root], era);
    const head = await client.call('read_text_file', { path: 'lines.txt', head: 2 });
    expect(client.textOf(head)).toBe('one\ntwo\n');
    expect(head.structuredContent).toMatchObject({ startLine: 1, endLine: 2, truncated: true });
    const tail = await client.call('read_text_file', { path: 'lines.txt', tail: 2 });
    expect(client.textOf(tail)).toBe('four\nfive\n');
    expect(tail.structuredContent).toEqual({
      path: path.join(root, 'lines.txt'),
      lineCount: 2,
      truncated: true,
    });
    const range = await client.call('read_text_file', { path: 'lines.txt', offset: 2, limit: 2 });
    expect(client.textOf(range)).toBe('two\nthree\n');
    expect(range.structuredContent).toMatchObject({ startLine: 2, endLine: 3, truncated: true });
    const alias = await client.call('read_file', { path: 'lines.txt', head: 1 });
    expect(client.textOf(alias)).toBe('one\n');
    await client.close();
  });
});

describe('read_text_file ranges', () => {
  it('returns no lines for head 0, tail 0 and limit 0, with a note in the text', async () => {
    const client = await fsClient([root]);
    for (const args of [{ head: 0 }, { tail: 0 }, { offset: 3, limit: 0 }]) {
      const result = await client.call('read_text_file', { path: 'lines.txt', ...args });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ lineCount: 0 });
      expect(client.textOf(result)).toBe('[no lines: 0 were asked for]');
    }
    await client.close();
  });

  it('past the end: empty content, total line count, no error', async () => {
    const client = await fsClient([root]);
    const result = await client.call('read_text_file', { path: 'lines.txt', offset: 9, limit: 3 });
    expect(result.structuredContent).toMatchObject({ lineCount: 0, startLine: 9, endLine: 8, totalLines: 5 });
    expect(client.textOf(result)).toMatch(/line 9 is past the end of .*lines\.txt, which has 5 lines/);
    const head = await client.call('read_text_file', { path: 'lines.txt', head: 50 });
    expect(head.structuredContent).toMatchObject({ endLine: 5, totalLines: 5 });
    expect(head.structuredContent).not.toHaveProperty('truncated');
    const tail = await client.call('read_text_file', { path: 'lines.txt', tail: 50 });
    expect(tail.structuredContent).toMatchObject({ startLine: 1, endLine: 5, totalLines: 5 });
    await client.close();
  });

  it('offset alone reads to the end; limit alone starts at line 1', async () => {
    const client = await fsClient([root]);
    expect(client.textOf(await client.call('read_text_file', { path: 'lines.txt', offset: 4 }))).toBe(
      'four\nfive\n',
    );
    expect(client.textOf(await client.call('read_text_file', { path: 'lines.txt', limit: 1 }))).toBe('one\n');
    await client.close();
  });

  it('counts a last line without a newline and keeps CRLF endings as they are', async () => {
    const client = await fsClient([root]);
    const last = await client.call('read_text_file', { path: 'no-newline.txt', tail: 1 });
    expect(client.textOf(last)).toBe('c');
    const whole = await client.call('read_text_file', { path: 'no-newline.txt' });
    expect(whole.structuredContent).toMatchObject({ endLine: 3, totalLines: 3 });
    const crlf = await client.call('read_text_file', { path: 'crlf.txt', offset: 2, limit: 1 });
    expect(client.textOf(crlf)).toBe('b\r\n');
    expect(client.textOf(await client.call('read_text_file', { path: 'crlf.txt', tail: 2 }))).toBe(
      'b\r\nc\r\n',
    );
    await client.close();
  });

  it('reads an empty file and multi-byte characters across a chunk boundary', async () => {
    // The emoji file spans a 64 KiB read chunk, so it is larger than the default response budget.
    const client = await fsClient([root, '--max-response-chars', '1000000']);
    const empty = await client.call('read_text_file', { path: 'empty.txt' });
    expect(empty.structuredContent).toMatchObject({ lineCount: 0, totalLines: 0 });
    expect(client.textOf(empty)).toMatch(/empty\.txt is empty\]$/);
    const whole = await client.call('read_text_file', { path: 'emoji.txt' });
    expect(client.textOf(whole)).toBe(emoji);
    expect(client.textOf(await client.call('read_text_file', { path: 'emoji.txt', offset: 2 }))).toBe(
      'second 😀\n',
    );
    await client.close();
  });

  it('a budget cut says where to read on', async () => {
    const big = await tempDir({
      'many.txt': Array.from({ length: 500 }, (_, i) => `line ${i + 1}\n`).join(''),
    });
    const client = await fsClient([big, '--max-response-chars', '1000']);
    const text = client.textOf(await client.call('read_text_file', { path: 'many.txt', offset: 11 }));
    expect(text).toMatch(/^line 11\n/);
    expect(text).toMatch(/\[truncated: .* Read on with offset=11 plus the number of lines shown/);
    await client.close();
  });
});

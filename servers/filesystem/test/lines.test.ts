import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, looksBinary, readLines, tailLines } from '../src/lib/lines.js';

const MAX = 1 << 30;
const ALL = Number.POSITIVE_INFINITY;

async function withFile<T>(content: string | Buffer, use: (h: fs.FileHandle, size: number) => Promise<T>) {
  const file = path.join(await tempDir(), 'f.txt');
  await fs.writeFile(file, content);
  const handle = await fs.open(file);
  try {
    return await use(handle, (await handle.stat()).size);
  } finally {
    await handle.close();
  }
}

const head = (content: string | Buffer, first: number, count: number, maxBytes = MAX) =>
  withFile(content, (h, size) => readLines(h, { size, first, count, maxBytes }));
const tail = (content: string | Buffer, count: number, maxBytes = MAX) =>
  withFile(content, (h, size) => tailLines(h, { size, count, maxBytes }));

describe('readLines', () => {
  it('returns a range with terminators kept and counts a last line without one', async () => {
    expect(await head('a\nb\nc', 2, 5)).toMatchObject({ text: 'b\nc', count: 2, first: 2, totalLines: 3 });
    expect(await head('a\nb\nc\n', 1, 2)).toMatchObject({ text: 'a\nb\n', count: 2 });
    expect((await head('a\nb\nc\n', 1, 2)).totalLines).toBeUndefined();
    expect(await head('a\nb\n', 1, 2)).toMatchObject({ count: 2, totalLines: 2, end: 4 });
  });

  it('keeps CRLF and does not split on a lone CR', async () => {
    expect(await head('a\r\nb\r\n', 2, 1)).toMatchObject({ text: 'b\r\n', count: 1 });
    expect(await head('a\rb\n', 1, ALL)).toMatchObject({ text: 'a\rb\n', count: 1 });
  });

  it('handles empty files, zero counts and ranges past the end', async () => {
    expect(await head('', 1, ALL)).toMatchObject({ text: '', count: 0, totalLines: 0 });
    expect(await head('a\n', 1, 0)).toMatchObject({ text: '', count: 0 });
    expect(await head('a\nb', 3, 2)).toMatchObject({ text: '', count: 0, totalLines: 2 });
    expect(await head('a\nb\n', 3, 2)).toMatchObject({ text: '', count: 0, totalLines: 2 });
    expect(await head('\n\n', 2, 1)).toMatchObject({ text: '\n', count: 1, totalLines: 2 });
  });

  it('never splits a 4-byte character across chunks', async () => {
    for (const shift of [1, 2, 3]) {
      const content = `${'x'.repeat(CHUNK_SIZE - shift)}😀y\nz😀\n`;
      expect((await head(content, 1, ALL)).text).toBe(content);
      expect((await head(content, 2, 1)).text).toBe('z😀\n');
    }
  });

  it('refuses a range larger than maxBytes', async () => {
    await expect(head('aaaa\nbbbb\n', 1, 2, 6)).rejects.toMatchObject({ kind: 'too_large' });
    expect((await head('aaaa\nbbbb\n', 1, 1, 6)).text).toBe('aaaa\n');
  });
});

describe('tailLines', () => {
  it('returns the last lines with or without a final newline', async () => {
    expect(await tail('a\nb\nc\n', 2)).toMatchObject({ text: 'b\nc\n', count: 2, start: 2 });
    expect((await tail('a\nb\nc\n', 2)).first).toBeUndefined();
    expect(await tail('a\nb\nc', 2)).toMatchObject({ text: 'b\nc', count: 2 });
    expect(await tail('a\nb\nc', 9)).toMatchObject({ text: 'a\nb\nc', count: 3, first: 1, totalLines: 3 });
    expect(await tail('\n', 1)).toMatchObject({ text: '\n', count: 1, totalLines: 1 });
    expect(await tail('', 3)).toMatchObject({ text: '', count: 0, totalLines: 0 });
    expect(await tail('a\n', 0)).toMatchObject({ text: '', count: 0 });
  });

  it('finds newlines on chunk edges and keeps characters whole', async () => {
    const line = `${'x'.repeat(CHUNK_SIZE - 1)}\n`;
    expect((await tail(line.repeat(3), 2)).text).toBe(line.repeat(2));
    for (const shift of [0, 1, 2]) {
      // The emoji is bytes 12-15 and the first backwards read starts at byte 13 + shift.
      const last = `😀${'y'.repeat(CHUNK_SIZE - 4 + shift)}\n`;
      const content = `a\n${'b'.repeat(10)}${last}`;
      expect((await tail(content, 1)).text).toBe(`${'b'.repeat(10)}${last}`);
      expect((await tail(content, 5)).text).toBe(content);
    }
  });

  it('refuses a tail larger than maxBytes', async () => {
    await expect(tail('aaaa\nbbbb\n', 2, 6)).rejects.toMatchObject({ kind: 'too_large' });
  });
});

describe('looksBinary', () => {
  it('flags NUL bytes and invalid UTF-8, not text or a character cut by the sample', async () => {
    expect(await withFile(Buffer.from([0x61, 0x00, 0x62]), looksBinary)).toBe(true);
    expect(await withFile(Buffer.from([0x61, 0xff, 0xfe, 0x62]), looksBinary)).toBe(true);
    expect(await withFile('', looksBinary)).toBe(false);
    expect(await withFile('héllo 😀\r\n', looksBinary)).toBe(false);
    expect(await withFile(`${'x'.repeat(8 * 1024 - 2)}😀 more`, looksBinary)).toBe(false);
    expect(await withFile(Buffer.from([0x61, 0xf0, 0x9f]), looksBinary)).toBe(true);
  });
});

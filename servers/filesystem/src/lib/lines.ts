import type { FileHandle } from 'node:fs/promises';
import { tooLarge } from '@bastion-mcp/runtime';

/** Bytes per read; exported so tests can place multi-byte characters across a boundary. */
export const CHUNK_SIZE = 64 * 1024;
const SNIFF_BYTES = 8 * 1024;
const NL = 0x0a;

/**
 * Lines as they are in the file: each keeps its terminator (`\n` or `\r\n`), so consecutive
 * ranges concatenate back to the file; a lone `\r` does not end a line. All work is on bytes and
 * only the selected range is decoded, in one piece: 0x0A never occurs inside a UTF-8 sequence, so
 * a chunk boundary can never split a character.
 */
export interface Lines {
  text: string;
  /** How many lines `text` holds (a last line without a terminator counts). */
  count: number;
  /** 1-based number of the first line; unknown for a tail that did not reach the file's start. */
  first?: number;
  /** Known when the read happened to cover the file up to its end (forwards) or start (tail). */
  totalLines?: number;
  /** The byte range returned: [start, end). */
  start: number;
  end: number;
}

interface Common {
  /** The file's size (from fstat); nothing past it is read. */
  size: number;
  /** Refuse (too_large) rather than hold more than this many bytes. */
  maxBytes: number;
}

/** Lines [first, first + count) (count may be Infinity): streams forwards, stops after the last one. */
export async function readLines(
  handle: FileHandle,
  { size, first, count, maxBytes }: Common & { first: number; count: number },
): Promise<Lines> {
  if (count === 0)
    return { text: '', count: 0, first, ...(size === 0 ? { totalLines: 0 } : {}), start: 0, end: 0 };
  const parts: Buffer[] = [];
  const buf = Buffer.alloc(Math.min(CHUNK_SIZE, size) || 1);
  let line = 1; // the number of the line that starts at the cursor
  let start = first === 1 ? 0 : -1;
  let held = 0;
  let cursor = 0;
  let last = NL; // the last byte consumed; NL for "nothing pending"
  while (cursor < size && line < first + count) {
    const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, size - cursor), cursor);
    if (bytesRead === 0) break; // the file shrank under us
    const view = buf.subarray(0, bytesRead);
    let from = start < 0 ? -1 : 0;
    let i = 0;
    while (i < bytesRead && line < first + count) {
      const nl = view.indexOf(NL, i);
      i = nl === -1 ? bytesRead : nl + 1;
      if (nl !== -1 && ++line === first) [start, from] = [cursor + i, i];
    }
    if (from >= 0) {
      held += i - from;
      if (held > maxBytes) throw overLimit(maxBytes);
      parts.push(Buffer.from(view.subarray(from, i)));
    }
    last = view[i - 1] ?? last;
    cursor += i;
  }
  const bytes = Buffer.concat(parts);
  const partial = bytes.length > 0 && bytes[bytes.length - 1] !== NL ? 1 : 0;
  const atEnd = cursor >= size;
  return {
    text: bytes.toString('utf8'),
    count: start < 0 ? 0 : line - first + partial,
    first,
    ...(atEnd ? { totalLines: line - 1 + (last === NL ? 0 : 1) } : {}),
    start: start < 0 ? cursor : start,
    end: start < 0 ? cursor : start + bytes.length,
  };
}

/** The last `count` lines: reads backwards from the end in chunks, so only what it returns. */
export async function tailLines(
  handle: FileHandle,
  { size, count, maxBytes }: Common & { count: number },
): Promise<Lines> {
  if (size === 0) return { text: '', count: 0, first: 1, totalLines: 0, start: 0, end: 0 };
  if (count === 0) return { text: '', count: 0, start: size, end: size };
  const parts: Buffer[] = [];
  const buf = Buffer.alloc(Math.min(CHUNK_SIZE, size));
  let pos = size;
  let found = 0; // newlines that start one of the wanted lines
  let cut = -1;
  while (pos > 0 && cut < 0) {
    const atEnd = pos === size;
    const len = Math.min(buf.length, pos);
    pos -= len;
    const { bytesRead } = await handle.read(buf, 0, len, pos);
    const view = buf.subarray(0, bytesRead);
    // The file's final newline ends its last line; it does not begin another one.
    let searchEnd = atEnd && view[bytesRead - 1] === NL ? bytesRead - 1 : bytesRead;
    while (searchEnd > 0) {
      const nl = view.lastIndexOf(NL, searchEnd - 1);
      if (nl === -1) break;
      if (++found === count) {
        cut = nl + 1;
        break;
      }
      searchEnd = nl;
    }
    parts.unshift(Buffer.from(view.subarray(Math.max(cut, 0))));
    if (size - pos - Math.max(cut, 0) > maxBytes) throw overLimit(maxBytes);
  }
  const text = Buffer.concat(parts).toString('utf8');
  if (cut >= 0) return { text, count, start: pos + cut, end: size };
  // Reached the start with fewer newlines than asked: the whole file, whose first line has none before it.
  return { text, count: found + 1, first: 1, totalLines: found + 1, start: 0, end: size };
}

/** Binary if the first 8 KiB hold a NUL byte or are not valid UTF-8 (a sequence cut by the sample's end is fine). */
export async function looksBinary(handle: FileHandle, size: number): Promise<boolean> {
  if (size === 0) return false;
  const buf = Buffer.alloc(Math.min(SNIFF_BYTES, size));
  const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
  const sample = buf.subarray(0, bytesRead);
  if (sample.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: bytesRead < size });
    return false;
  } catch {
    return true;
  }
}

function overLimit(maxBytes: number) {
  return tooLarge(
    `The lines asked for come to more than ${maxBytes} bytes, this server's limit for one read.`,
    'Ask for fewer lines (a smaller head, tail or limit) and read the rest in further calls.',
  );
}

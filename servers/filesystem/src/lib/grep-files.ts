import fs from 'node:fs';
import { isToolError } from '@bastion-mcp/runtime';
import { type FileScan, isBinary, scanWhole } from './grep.js';
import type { Query } from './query.js';
import { cancelled } from './walk.js';

/** Files up to this size are read whole with one read into a reused buffer; bigger ones are streamed. */
const SMALL = 64 * 1024;
const CHUNK = 1024 * 1024;
/** Longer lines are examined up to this many bytes; the rest of such a line is skipped. */
const MAX_LINE = 1024 * 1024;
/** Synchronous reads beat async ones by far on small files; yield this often to stay responsive. */
const SLICE_MS = 20;
/** Never follow a symlink, even one swapped in after the walk. */
const NO_FOLLOW = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW;

export interface GrepRun {
  query: Query;
  signal: AbortSignal;
  /** A scan for one file; false from its line() stops the whole run. */
  scanFor(file: string): FileScan;
}

/** Searches the files in order; returns how many text files were searched and how many failed to open. */
export async function grepFiles(files: readonly string[], run: GrepRun) {
  const small = Buffer.allocUnsafe(SMALL);
  let big: Buffer | undefined;
  let searched = 0;
  let unreadable = 0;
  let slice = performance.now();
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as string;
    if ((i & 31) === 0 && performance.now() - slice > SLICE_MS) {
      await new Promise(setImmediate);
      if (run.signal.aborted) throw cancelled();
      slice = performance.now();
    }
    let fd: number;
    try {
      fd = fs.openSync(file, NO_FOLLOW);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOOP') unreadable++;
      continue;
    }
    try {
      const n = fs.readSync(fd, small, 0, SMALL, 0);
      if (isBinary(small.subarray(0, n))) continue;
      searched++;
      let more: boolean;
      if (n < SMALL) more = scanWhole(small.subarray(0, n), run.query, () => run.scanFor(file));
      else {
        big ??= Buffer.allocUnsafe(CHUNK + MAX_LINE);
        more = await stream(fd, big, run.scanFor(file), run);
      }
      if (!more) break;
    } catch (error) {
      if (isToolError(error)) throw error;
      unreadable++;
    } finally {
      fs.closeSync(fd);
    }
  }
  return { searched, unreadable };
}

/** Line by line through a big file with flat memory: one buffer holds a chunk plus an unfinished line. */
async function stream(fd: number, buf: Buffer, scan: FileScan, run: GrepRun): Promise<boolean> {
  // Without context lines, a chunk that lacks the literal only needs its lines counted.
  const skipBy = run.query.bytes && !scan.hasContext ? run.query.bytes : undefined;
  let held = 0;
  let position = 0;
  let skipping = false;
  for (;;) {
    const n = await read(fd, buf, held, CHUNK, position);
    if (run.signal.aborted) throw cancelled();
    if (n === 0) break;
    position += n;
    const end = held + n;
    let start = 0;
    const last = buf.lastIndexOf(10, end - 1);
    if (skipBy && !skipping && last >= 0 && buf.subarray(0, last).indexOf(skipBy) < 0) {
      scan.skip(countNewlines(buf, last));
      start = last + 1;
    }
    for (let nl = buf.indexOf(10, start); nl >= 0 && nl < end; nl = buf.indexOf(10, start)) {
      if (skipping) skipping = false;
      else if (!scan.line(buf.toString('utf8', start, nl))) return false;
      start = nl + 1;
    }
    held = end - start;
    if (held >= MAX_LINE) {
      if (!skipping && !scan.line(buf.toString('utf8', start, start + MAX_LINE))) return false;
      skipping = true;
      held = 0;
    } else buf.copyWithin(0, start, end);
  }
  return held === 0 || skipping || scan.line(buf.toString('utf8', 0, held));
}

function countNewlines(buf: Buffer, last: number): number {
  let count = 0;
  for (let i = buf.indexOf(10); i >= 0 && i <= last; i = buf.indexOf(10, i + 1)) count++;
  return count;
}

function read(fd: number, buf: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.read(fd, buf, offset, length, position, (error, n) => (error ? reject(error) : resolve(n))),
  );
}

import type { Query } from './query.js';

/** Characters of a line shown in a result (a window around the match when the line is longer). */
const SHOWN = 300;

export interface Hit {
  path: string;
  line: number;
  text: string;
}

/** What a search has found so far, in grep's format, with the cap on matches. */
export class Findings {
  readonly matches: Hit[] = [];
  readonly lines: string[] = [];
  truncated = false;
  constructor(readonly limit: number) {}
}

/**
 * Matches one file line by line, keeping `context` lines before and after each match. `line()`
 * returns false once the cap on matches is reached, so the caller can stop reading.
 */
export class FileScan {
  #number = 0;
  #before: string[] = [];
  #after = 0;
  #lastShown = -1;

  constructor(
    private readonly path: string,
    private readonly query: Query,
    private readonly context: number,
    private readonly found: Findings,
  ) {}

  line(raw: string): boolean {
    const n = ++this.#number;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const at = this.query.find(text);
    const { found } = this;
    if (at >= 0) {
      if (found.matches.length >= found.limit) {
        found.truncated = true;
        return false;
      }
      const first = n - this.#before.length;
      if (this.context && found.lines.length && first > this.#lastShown + 1) found.lines.push('--');
      for (const [i, b] of this.#before.entries())
        found.lines.push(`${this.path}-${first + i}- ${clip(b, 0)}`);
      this.#before = [];
      const shown = clip(text, at);
      found.matches.push({ path: this.path, line: n, text: shown });
      found.lines.push(`${this.path}:${n}: ${shown}`);
      this.#after = this.context;
      this.#lastShown = n;
    } else if (this.#after > 0) {
      this.#after--;
      found.lines.push(`${this.path}-${n}- ${clip(text, 0)}`);
      this.#lastShown = n;
    } else if (this.context) {
      this.#before.push(text);
      if (this.#before.length > this.context) this.#before.shift();
    }
    return true;
  }

  get hasContext(): boolean {
    return this.context > 0;
  }

  /** Lines known not to match (a chunk without the query); only valid when context is 0. */
  skip(count: number): void {
    this.#number += count;
  }
}

/** Scans a whole small file. Returns false once the cap on matches is reached. */
export function scanWhole(data: Buffer, query: Query, scanner: () => FileScan): boolean {
  if (query.bytes && data.indexOf(query.bytes) < 0) return true;
  const text = data.toString('utf8');
  if (query.mayMatch && !query.mayMatch(text)) return true;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const scan = scanner();
  for (const line of lines) if (!scan.line(line)) return false;
  return true;
}

/** NUL in the first 8 KiB, as grep and git decide. */
export function isBinary(data: Buffer): boolean {
  return data.subarray(0, 8192).indexOf(0) >= 0;
}

function clip(text: string, at: number): string {
  if (text.length <= SHOWN) return text;
  const from = Math.max(0, Math.min(at - 100, text.length - SHOWN));
  const cut = text.slice(from, from + SHOWN);
  return `${from > 0 ? '…' : ''}${cut}${from + SHOWN < text.length ? '…' : ''}`;
}

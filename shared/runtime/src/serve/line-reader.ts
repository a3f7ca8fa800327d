/** Bytes of an oversized line kept to find its id. */
const PREFIX_BYTES = 4096;

export interface LineReaderOptions {
  /** Longest line accepted, in bytes (without the newline). */
  maxLineBytes: number;
  onLine(line: string): void;
  /** A line longer than the limit was skipped; `prefix` is its first few KiB. */
  onOversize(prefix: string, bytes: number): void;
}

/**
 * Splits a byte stream into newline-delimited lines in linear time. A line over the limit is
 * dropped as it streams in (memory stays bounded) and reported once its newline arrives, so one
 * huge line costs the client one error answer, not the connection.
 */
export class LineReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private skipping = false;
  private prefix: Buffer | undefined;
  private skipped = 0;

  constructor(private readonly options: LineReaderOptions) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      this.take(chunk.subarray(start, end));
      if (newline === -1) return;
      this.finishLine();
      start = newline + 1;
    }
  }

  private take(part: Buffer): void {
    if (part.length === 0) return;
    if (this.skipping) {
      this.skipped += part.length;
      return;
    }
    if (this.size + part.length > this.options.maxLineBytes) {
      const head = Buffer.concat([...this.chunks, part.subarray(0, PREFIX_BYTES)]);
      this.prefix = head.subarray(0, PREFIX_BYTES);
      this.skipped = this.size + part.length;
      this.skipping = true;
      this.chunks = [];
      this.size = 0;
      return;
    }
    this.chunks.push(part);
    this.size += part.length;
  }

  private finishLine(): void {
    if (this.skipping) {
      const prefix = this.prefix?.toString('utf8') ?? '';
      const bytes = this.skipped;
      this.skipping = false;
      this.prefix = undefined;
      this.skipped = 0;
      this.options.onOversize(prefix, bytes);
      return;
    }
    const line = Buffer.concat(this.chunks, this.size).toString('utf8');
    this.chunks = [];
    this.size = 0;
    this.options.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}

import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/server';
import { checkMessage, errorResponse, INVALID_REQUEST, idFromPrefix } from './jsonrpc-guard.js';
import { LineReader } from './line-reader.js';

export interface StdioTransportOptions {
  maxMessageBytes: number;
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  /** Told about every message answered here instead of reaching the server. */
  onRejected?: (why: string) => void;
}

/**
 * The stdio wire under the SDK's `serveStdio`: newline-delimited JSON-RPC, like the SDK's own, but
 * no input can deafen it. Malformed messages are answered with their JSON-RPC error and a line past
 * the size limit is skipped and answered, where the SDK's reader drops the first silently and
 * stops reading for good on the second.
 */
export class GuardedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private readonly stdin: NodeJS.ReadableStream;
  private readonly stdout: NodeJS.WritableStream;
  private readonly reader: LineReader;
  private closed = false;
  /** Writers waiting for stdout to drain; one listener serves them all. */
  private drainWaiters: Array<() => void> = [];

  constructor(private readonly options: StdioTransportOptions) {
    this.stdin = options.stdin ?? process.stdin;
    this.stdout = options.stdout ?? process.stdout;
    this.reader = new LineReader({
      maxLineBytes: options.maxMessageBytes,
      onLine: (line) => this.onLine(line),
      onOversize: (prefix, bytes) => {
        const id = idFromPrefix(prefix);
        const message = `Invalid Request: the message is ${bytes} bytes, over this server's limit of ${options.maxMessageBytes}; send smaller content (the limit is --max-message-bytes).`;
        this.answer({ id, code: INVALID_REQUEST, message });
      },
    });
  }

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStreamError);
    this.stdin.on('end', this.onEnd);
    this.stdin.on('close', this.onEnd);
    this.stdout.on('error', this.onStreamError);
    this.stdout.on('drain', this.onDrain);
  }

  private readonly onDrain = () => {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resume of waiters) resume();
  };

  private readonly onData = (chunk: Buffer | string) => {
    this.reader.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  };

  private readonly onStreamError = (error: Error) => {
    if (!this.closed) this.onerror?.(error);
  };

  private readonly onEnd = () => {
    void this.close();
  };

  private onLine(line: string): void {
    const checked = checkMessage(line);
    if ('message' in checked) this.onmessage?.(checked.message);
    else if ('reject' in checked) this.answer(checked.reject);
  }

  private answer(rejection: Parameters<typeof errorResponse>[0]): void {
    this.options.onRejected?.(`${rejection.code} ${rejection.message}`);
    this.send(errorResponse(rejection)).catch((error: Error) => this.onerror?.(error));
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) return Promise.reject(new Error('stdio transport is closed'));
    return new Promise((resolve, reject) => {
      const ok = this.stdout.write(`${JSON.stringify(message)}\n`, (error) =>
        error ? reject(error) : undefined,
      );
      if (ok) resolve();
      else this.drainWaiters.push(resolve);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStreamError);
    this.stdin.off('end', this.onEnd);
    this.stdin.off('close', this.onEnd);
    this.stdout.off('error', this.onStreamError);
    this.stdout.off('drain', this.onDrain);
    this.onDrain();
    this.onclose?.();
  }
}

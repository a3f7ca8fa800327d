import { type ChildProcess, spawn } from 'node:child_process';

export type Era = 'legacy' | 'modern';

/** The 2026-07-28 per-request envelope a modern client puts in every request's _meta. */
export const modernMeta = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

/**
 * A client that writes raw bytes to a bin's stdin and reads its stdout line by line: what an SDK
 * client cannot do (send broken JSON, huge lines, invalid UTF-8).
 */
export class RawPeer {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  stderr = '';
  private partial = '';
  private nextId = 1_000_000;

  constructor(bin: string, args: string[] = []) {
    this.child = spawn(process.execPath, [bin, ...args], { stdio: 'pipe' });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      const parts = (this.partial + chunk.toString('utf8')).split('\n');
      this.partial = parts.pop() ?? '';
      this.lines.push(...parts);
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
  }

  write(data: string | Buffer): void {
    this.child.stdin?.write(data);
  }

  /** Sends a request in the given era and resolves with its answer. */
  async request(
    era: Era,
    method: string,
    params: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const withMeta = era === 'modern' ? { ...params, _meta: modernMeta } : params;
    this.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params: withMeta })}\n`);
    return this.answer(id);
  }

  /** Waits for the response carrying `id` (null: the first error response with a null id after `from`). */
  async answer(id: string | number | null, from = 0, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.lines.slice(from)) {
        const message = JSON.parse(line) as Record<string, unknown>;
        if ('id' in message && message.id === id && ('result' in message || 'error' in message))
          return message;
      }
      if (Date.now() > deadline)
        throw new Error(`no answer for id ${id}; stderr: ${this.stderr.slice(-500)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Opens the connection in the given era. */
  async open(era: Era): Promise<void> {
    if (era === 'modern') {
      await this.request('modern', 'server/discover');
      return;
    }
    await this.request('legacy', 'initialize', {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'raw', version: '1' },
    });
    this.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  }

  async stop(): Promise<number | null> {
    const exit = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.stdin?.end();
    return exit;
  }
}

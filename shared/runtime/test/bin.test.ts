import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connectUrl, spawnBin, tempDir } from '../src/testing/index.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'echo-bin.mjs');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function start(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c) => {
    out += c;
  });
  child.stderr?.on('data', (c) => {
    err += c;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

const send = (run: Run, message: object) => run.child.stdin?.write(`${JSON.stringify(message)}\n`);
const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('a runtime bin over stdio', () => {
  it.each(['legacy', 'modern'] as const)('serves a %s-era client, logging to stderr', async (era) => {
    const dir = await tempDir();
    const client = await spawnBin(BIN, [dir], { era });
    expect((await client.client.listTools()).tools.map((t) => t.name)).toEqual(['echo', 'slow']);
    expect(client.textOf(await client.call('echo', { message: 'hello' }))).toBe('hello');
    await client.close();
    expect(client.stderr()).toContain('[echo] info: config');
  });

  it('writes nothing but JSON-RPC on stdout and exits 0 when stdin closes', async () => {
    const run = start([], { ECHO_LOG_LEVEL: 'debug' });
    send(run, initialize);
    send(run, { jsonrpc: '2.0', method: 'notifications/initialized' });
    send(run, {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'echo', arguments: { message: 'x' } },
    });
    await waitFor(() => run.stdout().includes('"id":2'), 'the tools/call answer');
    run.child.stdin?.end();
    expect(await run.exit).toBe(0);
    const lines = run.stdout().trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(run.stderr()).toContain('debug: shutting down: stdin closed');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s finishes the in-flight call, then exits 0',
    async (signal) => {
      const run = start([]);
      send(run, initialize);
      send(run, { jsonrpc: '2.0', method: 'notifications/initialized' });
      await waitFor(() => run.stdout().includes('"id":1'), 'initialize');
      send(run, {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: { name: 'slow', arguments: { ms: 400 } },
      });
      await new Promise((r) => setTimeout(r, 100));
      run.child.kill(signal);
      expect(await run.exit).toBe(0);
      expect(run.stdout()).toContain('waited 400');
    },
  );

  it('prints --help and --version on stdout with exit 0', async () => {
    const help = start(['--help']);
    expect(await help.exit).toBe(0);
    expect(help.stdout()).toMatch(
      /--greeting <string>\n\s+A string option \(default: "hello"\) \[env ECHO_GREETING\]/,
    );
    const version = start(['--version']);
    expect(await version.exit).toBe(0);
    expect(version.stdout()).toBe('9.9.9\n');
  });

  it.each([
    [['--nope'], /unknown option --nope/],
    [['/definitely/not/here'], /allowed directory: .*no such file/i],
    [['--http', '--host', '0.0.0.0'], /not loopback; set --http-token/],
  ])('bad config %j: usage on stderr, nothing on stdout, exit 2', async (args, message) => {
    const run = start(args);
    expect(await run.exit).toBe(2);
    expect(run.stdout()).toBe('');
    expect(run.stderr()).toMatch(message);
    expect(run.stderr()).toContain('Usage: mcp-server-echo');
  });

  it('env configures the bin, and CLI flags win over env', async () => {
    const run = start(['--limit', '7'], { ECHO_GREETING: 'hi', ECHO_LIMIT: '3' });
    await waitFor(() => run.stderr().includes('config'), 'the config log line');
    expect(run.stderr()).toContain('config {"greeting":"hi","limit":7,"dirs":[]}');
    run.child.stdin?.end();
    expect(await run.exit).toBe(0);
  });

  it('--http serves Streamable HTTP and stops on SIGTERM', async () => {
    const run = start(['--http', '--port', '0']);
    await waitFor(() => /serving Streamable HTTP at (\S+)/.test(run.stderr()), 'the HTTP address');
    const url = /serving Streamable HTTP at (\S+)/.exec(run.stderr())?.[1] as string;
    const client = await connectUrl(url, { era: 'modern' });
    expect(client.textOf(await client.call('echo', { message: 'web' }))).toBe('web');
    await client.close();
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toBe('');
  });
});

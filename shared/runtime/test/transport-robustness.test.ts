import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fuzzSeed, serveHttpBin } from '../src/testing/index.js';
import { type Era, modernMeta, RawPeer } from './raw-peer.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'echo-bin.mjs');
const LIMIT = 64 * 1024;
const eras: Era[] = ['legacy', 'modern'];

const peers: RawPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.stop()));
});

async function opened(era: Era, args: string[] = ['--max-message-bytes', String(LIMIT)]): Promise<RawPeer> {
  const peer = new RawPeer(BIN, args);
  peers.push(peer);
  await peer.open(era);
  return peer;
}

/** Every stdout line is one well-formed JSON-RPC 2.0 message. */
function expectCleanStdout(peer: RawPeer): void {
  for (const line of peer.lines) {
    const message = JSON.parse(line) as Record<string, unknown>;
    expect(message.jsonrpc).toBe('2.0');
    expect('result' in message || 'error' in message || 'method' in message).toBe(true);
    expect(line).not.toMatch(/\n\s+at /);
  }
}

async function echoes(peer: RawPeer, era: Era, message: string): Promise<void> {
  const answer = await peer.request(era, 'tools/call', { name: 'echo', arguments: { message } });
  expect(answer.result).toMatchObject({ content: [{ type: 'text', text: message }] });
}

describe.each(eras)('stdio, %s era: malformed input is answered and reading goes on', (era) => {
  it('answers parse errors, invalid requests and bad params with their JSON-RPC codes', async () => {
    const peer = await opened(era);
    const cases: Array<[string, string | number | null, number]> = [
      ['{not json', null, -32700],
      ['{"jsonrpc":"2.0","id":"x"}', 'x', -32600],
      ['{"jsonrpc":"1.0","id":"v","method":"tools/list"}', 'v', -32600],
      ['{"jsonrpc":"2.0","id":"p","method":"tools/list","params":"bad"}', 'p', -32602],
      ['[{"jsonrpc":"2.0","id":"b","method":"ping"}]', null, -32600],
    ];
    for (const [line, id, code] of cases) {
      const from = peer.lines.length;
      peer.write(`${line}\n`);
      const answer = await peer.answer(id, from);
      expect(answer.error).toMatchObject({ code });
      await echoes(peer, era, `after ${line}`);
    }
    expectCleanStdout(peer);
  });

  it('skips a line over the limit, answers it with its id, and serves the next request', async () => {
    const peer = await opened(era);
    const params = era === 'modern' ? `{"_meta":${JSON.stringify(modernMeta)},"x":"` : '{"x":"';
    peer.write(
      `{"jsonrpc":"2.0","id":"huge","method":"tools/list","params":${params}${'x'.repeat(LIMIT * 3)}"}}\n`,
    );
    const answer = await peer.answer('huge');
    expect(answer.error).toMatchObject({ code: -32600 });
    expect(JSON.stringify(answer.error)).toContain('--max-message-bytes');
    const tools = await peer.request(era, 'tools/list');
    expect(tools.result).toHaveProperty('tools');
    expectCleanStdout(peer);
  });
});

it('a call that never had an initialize is answered, not held waiting for client roots (found by the fuzz)', async () => {
  const peer = new RawPeer(BIN, []);
  peers.push(peer);
  await echoes(peer, 'legacy', 'no handshake');
  // After server/discover, an envelope-less request makes the SDK re-pin the connection to the
  // 2025 era without an initialize; every later call used to wait forever.
  const modern = await opened('modern');
  modern.write(
    `${JSON.stringify({ jsonrpc: '2.0', id: 'bare', method: 'tools/call', params: { name: 'echo', arguments: { message: 'x' } } })}\n`,
  );
  await modern.answer('bare');
  await echoes(modern, 'modern', 'after the re-pin');
});

it('at the default limit, the issue reproduction (a 10 MiB + 1 line of "x") is answered and reading goes on', async () => {
  const peer = await opened('legacy', []);
  const from = peer.lines.length;
  peer.write(`"${'x'.repeat(10 * 1024 * 1024 + 1)}"\n`);
  expect((await peer.answer(null, from)).error).toMatchObject({ code: -32600 });
  expect((await peer.request('legacy', 'tools/list')).result).toHaveProperty('tools');
  const over = peer.lines.length;
  peer.write(`${'x'.repeat(20 * 1024 * 1024)}\n`);
  expect((await peer.answer(null, over)).error).toMatchObject({ code: -32600 });
  expect((await peer.request('legacy', 'tools/list')).result).toHaveProperty('tools');
  expect(peer.stderr).not.toMatch(/\n\s+at /);
});

/** Adversarial stdin lines: random text and bytes, truncated JSON, any JSON, envelopes, batches, deep nesting, huge lines. */
const envelope = fc
  .record(
    {
      jsonrpc: fc.oneof(fc.constant('2.0'), fc.jsonValue()),
      id: fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.jsonValue()),
      method: fc.oneof(
        fc.constantFrom('tools/list', 'tools/call', 'ping', 'resources/read', 'prompts/get'),
        fc.string(),
      ),
      params: fc.oneof(
        fc.jsonValue(),
        fc.record({ name: fc.constantFrom('echo', 'slow', 'nope'), arguments: fc.jsonValue() }),
      ),
    },
    { requiredKeys: [] },
  )
  .map((m) => JSON.stringify(m));
const adversarialLine = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json().map((s) => s.slice(0, Math.floor(s.length / 2))),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  envelope,
  fc.array(envelope, { maxLength: 4 }).map((a) => `[${a.join(',')}]`),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc
    .integer({ min: 1, max: 20_000 })
    .map(
      (n) =>
        `{"jsonrpc":"2.0","id":"deep","method":"tools/call","params":{"name":"echo","arguments":{"message":${'['.repeat(n)}${']'.repeat(n)}}}}`,
    ),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(
    '\u0000',
    '{"jsonrpc":"2.0","id":1,"method":"ping\u0000"}',
    '\uFEFF{}',
    `"${'y'.repeat(LIMIT + 10)}"`,
  ),
);

/** Fails with the seed and a counterexample cut to a readable length (some are megabytes). */
function shortReport<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const example = JSON.stringify(details.counterexample)?.slice(0, 300);
  throw new Error(
    `fuzz failed (seed ${details.seed}, path ${details.counterexamplePath}): ${example}\n${details.errorInstance}`,
  );
}

describe.each(eras)('stdio fuzz, %s era', (era) => {
  it('after every adversarial line the server still answers, and stdout stays pure JSON-RPC', async () => {
    const peer = await opened(era);
    const seed = fuzzSeed(`transport fuzz (stdio, ${era})`);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(adversarialLine, async (line) => {
        peer.write(typeof line === 'string' ? `${line}\n` : Buffer.concat([line, Buffer.from('\n')]));
        await echoes(peer, era, `probe ${n++}`);
      }),
      { seed, numRuns: 150, reporter: shortReport },
    );
    expectCleanStdout(peer);
    expect(peer.child.exitCode).toBeNull();
  }, 120_000);
});

describe('HTTP: malformed bodies get JSON-RPC errors, oversized ones 413, and the server goes on', () => {
  const post = (url: string, body: string | Buffer, extra: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...extra,
      },
      body,
    });
  const listTools = {
    modern: JSON.stringify({ jsonrpc: '2.0', id: 'ok', method: 'tools/list', params: { _meta: modernMeta } }),
    legacy: JSON.stringify({ jsonrpc: '2.0', id: 'ok', method: 'tools/list' }),
  };
  const headers = {
    modern: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
    legacy: { 'mcp-protocol-version': '2025-11-25' },
  };
  /** A normal request in each era is still served. */
  const pingOk = async (url: string) => {
    for (const era of eras) {
      const res = await post(url, listTools[era], headers[era]);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('"id":"ok"');
    }
  };

  it('answers each malformed body with its code and status, then serves a normal request', async () => {
    const served = await serveHttpBin(BIN, ['--max-message-bytes', String(LIMIT)]);
    try {
      const cases: Array<[string, number, number, string | number | null]> = [
        ['{not json', 400, -32700, null],
        ['{"jsonrpc":"2.0","id":"x"}', 400, -32600, 'x'],
        ['{"jsonrpc":"1.0","id":3,"method":"tools/list"}', 400, -32600, 3],
        ['{"jsonrpc":"2.0","id":4,"method":"tools/list","params":"bad"}', 400, -32602, 4],
        ['[{"jsonrpc":"2.0","id":7,"method":"ping"}]', 400, -32600, null],
        [`{"jsonrpc":"2.0","id":9,"method":"ping","params":{"x":"${'x'.repeat(LIMIT)}"}}`, 413, -32600, null],
      ];
      for (const [body, status, code, id] of cases) {
        const res = await post(served.url, body);
        expect(res.status).toBe(status);
        expect(await res.json()).toMatchObject({ jsonrpc: '2.0', id, error: { code } });
        await pingOk(served.url);
      }
    } finally {
      served.stop();
    }
  });

  it('fuzz: after every adversarial body the server still answers', async () => {
    const served = await serveHttpBin(BIN, ['--max-message-bytes', String(LIMIT)]);
    const seed = fuzzSeed('transport fuzz (HTTP)');
    try {
      await fc.assert(
        fc.asyncProperty(adversarialLine, async (body) => {
          const res = await post(served.url, body);
          expect(res.status).toBeLessThan(500);
          const text = await res.text();
          expect(text).not.toMatch(/\n\s+at /);
          await pingOk(served.url);
        }),
        { seed, numRuns: 100, reporter: shortReport },
      );
    } finally {
      served.stop();
    }
  }, 120_000);
});

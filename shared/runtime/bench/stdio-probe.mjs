// Talks raw JSON-RPC to a stdio server bin, so the measurement holds no client-library overhead.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const INIT = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } },
};

/** Starts a bin and returns helpers to send a request and await its answer by id. */
export function startServer(bin, args, env = process.env) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'ignore'], env });
  const waiting = new Map();
  readLines(child.stdout, (line) => {
    const message = JSON.parse(line);
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  let nextId = 1;
  const request = (method, params) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  const initialize = () =>
    new Promise((resolve) => {
      waiting.set(0, resolve);
      child.stdin.write(`${JSON.stringify(INIT)}\n`);
    }).then(() =>
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`),
    );
  const stop = () =>
    new Promise((resolve) => {
      child.once('exit', resolve);
      child.stdin.end();
    });
  return { request, initialize, stop, pid: child.pid, rss: () => rssOf(child.pid) };
}

/**
 * Calls onLine(bytes, arrivedAt) for each newline-delimited message. Only each new chunk is searched,
 * so a single answer of 100 MB (a reference server returning a whole table) is read in linear time.
 */
export function readLines(stream, onLine) {
  let parts = [];
  stream.on('data', (chunk) => {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      parts.push(chunk.subarray(start, nl));
      const line = Buffer.concat(parts);
      parts = [];
      start = nl + 1;
      onLine(line, performance.now());
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
  });
}

/** Spawn to the first tools/list answer, in milliseconds. */
export async function coldStart(bin, args, env) {
  const started = performance.now();
  const server = startServer(bin, args, env);
  await server.initialize();
  await server.request('tools/list', {});
  const elapsed = performance.now() - started;
  await server.stop();
  return elapsed;
}

// This machine sets NODE_EXTRA_CA_CERTS, which adds a fixed cost to every Node start (both servers pay
// it), so cold start is printed as the machine runs and without it. Bastion bins keep V8's compile cache
// per user; the first start after an install or upgrade has none (BASTION_NO_COMPILE_CACHE=1). That
// start happens once per version, so it is reported beside the target, not held to it: the target is
// the start a client repeats every time it launches the server.
const START_ENVIRONMENTS = [
  ['cold start (env as is)', process.env, true],
  ['cold start (no NODE_EXTRA_CA_CERTS)', { ...process.env, NODE_EXTRA_CA_CERTS: '' }, true],
  [
    'first start after an install (no compile cache yet)',
    { ...process.env, BASTION_NO_COMPILE_CACHE: '1' },
    false,
  ],
];

/**
 * The cold-start rows of a bench table: spawn to first tools/list answer, median of `runs`, the two
 * bins alternating, in each start environment; ok when ours is at most `limit` times theirs.
 */
export async function coldStartRows(ours, theirs, args, { runs = 20, limit = 0.6, theirArgs = args } = {}) {
  const rows = [];
  for (const [measure, env, judged] of START_ENVIRONMENTS) {
    const a = [];
    const b = [];
    for (let i = 0; i < runs; i++) {
      a.push(await coldStart(ours, args, env));
      b.push(await coldStart(theirs, theirArgs, env));
    }
    const [co, ct] = [median(a), median(b)];
    rows.push({
      measure,
      ours: `${co.toFixed(1)} ms`,
      theirs: `${ct.toFixed(1)} ms`,
      ratio: `${(co / ct).toFixed(2)}x`,
      target: judged ? `<= ${limit.toFixed(2)}x` : 'report (once per install)',
      ok: !judged || co / ct <= limit,
      judged,
    });
  }
  return rows;
}

/** Median milliseconds per tools/call of a trivial tool, after warm-up. */
export async function callLatency(bin, args, tool, toolArgs, calls = 200) {
  const server = startServer(bin, args);
  await server.initialize();
  for (let i = 0; i < 20; i++) await server.request('tools/call', { name: tool, arguments: toolArgs });
  const times = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await server.request('tools/call', { name: tool, arguments: toolArgs });
    times.push(performance.now() - t);
  }
  await server.stop();
  return median(times);
}

/** Resident set size of a process in MB, read from /proc (Linux). */
export function rssOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

/** RSS (MB) of a bin after each mark of sequential tools/call requests over stdio. */
export async function rssAfterCalls(
  bin,
  args,
  tool,
  toolArgs,
  marks = [1000, 10000, 20000],
  env = process.env,
) {
  const server = startServer(bin, args, env);
  await server.initialize();
  const out = { start: server.rss() };
  let done = 0;
  for (const mark of marks) {
    for (; done < mark; done++) await server.request('tools/call', { name: tool, arguments: toolArgs });
    out[mark] = server.rss();
  }
  await server.stop();
  return out;
}

/**
 * A bounded HTTP load on loopback: `total` tools/call requests, `inFlight` at a time, through the
 * bin's --http endpoint (2025-era stateless requests). Returns p50/p99 in ms and how many answers
 * were wrong (an error, or `check(result)` false).
 */
export async function httpLoad(
  bin,
  args,
  tool,
  toolArgs,
  { total = 3000, inFlight = 50, check = () => true, env = process.env } = {},
) {
  // --log-level info: the address is read from the info line, whatever level the env asks for.
  const child = spawn(process.execPath, [bin, '--http', '--port', '0', ...args, '--log-level', 'info'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
  });
  const url = await new Promise((resolve, reject) => {
    let log = '';
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const match = /serving Streamable HTTP at (\S+)/.exec(log);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`${bin} exited ${code}: ${log}`)));
  });
  const times = [];
  let wrong = 0;
  let next = 0;
  const one = async (id) => {
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-11-25',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: 'tools/call',
        params: { name: tool, arguments: toolArgs },
      }),
    });
    const body = await res.text();
    times.push(performance.now() - started);
    const data = body.split('\n').find((l) => l.startsWith('data: '));
    const message = JSON.parse(data ? data.slice(6) : body);
    if (
      res.status !== 200 ||
      message.id !== id ||
      !message.result ||
      message.result.isError ||
      !check(message.result)
    )
      wrong++;
  };
  const worker = async () => {
    while (next < total) await one(next++);
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  child.kill('SIGTERM');
  const sorted = times.sort((a, b) => a - b);
  return { p50: median(sorted), p99: sorted[Math.floor(sorted.length * 0.99)], wrong, total };
}

/**
 * The endurance rows of a bench table: RSS after 1k, 10k and 20k cheap calls over stdio (beside the
 * anchor's when one is given, same run), and a 3000-call HTTP load at 50 in flight.
 */
export async function enduranceRows({
  bin,
  args,
  tool,
  toolArgs,
  check,
  anchor,
  env = process.env,
  httpCalls = 3000,
}) {
  const ours = await rssAfterCalls(bin, args, tool, toolArgs, undefined, env);
  const theirs = anchor
    ? await rssAfterCalls(anchor.bin, anchor.args, anchor.tool, anchor.toolArgs, undefined, anchor.env)
    : undefined;
  const mb = (v) => `${v.toFixed(1)} MB`;
  const rows = ['start', 1000, 10000, 20000].map((mark) => ({
    measure: mark === 'start' ? 'RSS after initialize' : `RSS after ${mark / 1000}k calls`,
    ours: mb(ours[mark]),
    theirs: theirs ? mb(theirs[mark]) : '-',
    ratio: theirs ? `${(ours[mark] / theirs[mark]).toFixed(2)}x` : '-',
    target: 'report',
    ok: true,
  }));
  const growth = ours[20000] - ours[1000];
  rows.push({
    measure: 'RSS growth 1k -> 20k calls',
    ours: mb(growth),
    theirs: theirs ? mb(theirs[20000] - theirs[1000]) : '-',
    ratio: '-',
    target: 'report',
    ok: true,
  });
  const load = await httpLoad(bin, args, tool, toolArgs, { check, env, total: httpCalls });
  const ms = (v) => `${v.toFixed(2)} ms`;
  rows.push({
    measure: `HTTP ${load.total} calls, 50 in flight: p50`,
    ours: ms(load.p50),
    theirs: '-',
    ratio: '-',
    target: 'report',
    ok: true,
  });
  rows.push({
    measure: 'HTTP load: p99',
    ours: ms(load.p99),
    theirs: '-',
    ratio: '-',
    target: 'report',
    ok: true,
  });
  rows.push({
    measure: 'HTTP load: wrong answers',
    ours: String(load.wrong),
    theirs: '-',
    ratio: '-',
    target: '0',
    ok: load.wrong === 0,
  });
  return rows;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function printTable(rows) {
  const header = ['measure', 'bastion', 'reference', 'ratio', 'target', 'ok'];
  const cells = [
    header,
    // A row reported beside a target (judged: false) shows '-', not a pass.
    ...rows.map((r) => [
      r.measure,
      r.ours,
      r.theirs,
      r.ratio,
      r.target,
      r.judged === false ? '-' : r.ok ? 'yes' : 'NO',
    ]),
  ];
  const widths = header.map((_, i) => Math.max(...cells.map((c) => String(c[i]).length)));
  const line = (c) => `| ${c.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells.slice(1)) console.log(line(c));
}

/** The bin of @modelcontextprotocol/server-filesystem@2026.8.31, the anchor every cold start is compared with. */
export function referenceFilesystemBin() {
  const require = createRequire(import.meta.url);
  return path.join(
    path.dirname(require.resolve('@modelcontextprotocol/server-filesystem/package.json')),
    'dist/index.js',
  );
}

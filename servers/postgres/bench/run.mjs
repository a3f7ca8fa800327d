#!/usr/bin/env node
// pnpm bench (postgres): Bastion's read-only PostgreSQL server beside a raw pg round trip and the reference
// @modelcontextprotocol/server-postgres@0.6.2, on one embedded cluster seeded with public.big (1,000,000
// rows). Both servers connect as the database's read-only role. One run, one table.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  callLatency,
  coldStartRows,
  enduranceRows,
  median,
  printTable,
  readLines,
  startServer,
} from '@bastion-mcp/runtime/bench';
import pg from 'pg';
import { createDatabase, startPostgres, withClient } from '../support/embedded.mjs';
import { seedBig } from '../support/sample.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ours = path.resolve(here, '../dist/index.js');
const theirs = referencePostgresBin();
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CALLS = 500;
const BIG_RUNS = 3;
const BIG_SQL = 'SELECT * FROM big';
const MAX_ROWS = 1000;
const REFERENCE_TIMEOUT_MS = 60_000;
const INITIALIZE = {
  protocolVersion: '2025-06-18',
  capabilities: {},
  clientInfo: { name: 'bench', version: '1' },
};

// Read by our server only (the reference ignores it): no startup info line.
process.env.POSTGRES_LOG_LEVEL = 'warn';

function referencePostgresBin() {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@modelcontextprotocol/server-postgres/package.json');
  const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : Object.values(bin)[0]);
}

const ms = (v) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const mb = (v) => `${v.toFixed(0)} MB`;
const reportRow = (measure, a, b) => ({
  measure,
  ours: ms(a),
  theirs: ms(b),
  ratio: `${(a / b).toFixed(2)}x`,
  target: 'report',
  ok: true,
});
const queryCall = (sql) => ({ name: 'query', arguments: { sql } });

function resultOf(message, what) {
  if (!message.result || message.result.isError)
    throw new Error(`${what}: ${JSON.stringify(message).slice(0, 300)}`);
  return message.result;
}

/** Our answer must be the capped one: MAX_ROWS rows and truncated: true. */
function assertCapped(result) {
  const { row_count: count, truncated } = result.structuredContent ?? {};
  if (count !== MAX_ROWS || truncated !== true)
    throw new Error(`${BIG_SQL}: expected ${MAX_ROWS} rows, truncated: true; got ${count}, ${truncated}`);
}

/** The floor for any server: median ms of SELECT 1 on one warm pg connection (one round trip). */
async function rawSelectOne(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 50; i++) await client.query('SELECT 1');
    const times = [];
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      await client.query('SELECT 1');
      times.push(performance.now() - t);
    }
    return median(times);
  } finally {
    await client.end();
  }
}

/** Median ms of the capped SELECT * FROM big on a server already warmed by one SELECT 1. */
async function timeOursBig(url) {
  const server = startServer(ours, [url]);
  await server.initialize();
  try {
    // Loads the SQL parser and opens the pool, so the runs time the query alone.
    resultOf(await server.request('tools/call', queryCall('SELECT 1')), 'warm-up');
    const times = [];
    for (let i = 0; i < BIG_RUNS; i++) {
      const t = performance.now();
      const answer = await server.request('tools/call', queryCall(BIG_SQL));
      times.push(performance.now() - t);
      assertCapped(resultOf(answer, BIG_SQL));
    }
    return median(times);
  } finally {
    await server.stop();
  }
}

/** Newline-delimited messages as Buffers with their arrival time, pulled one at a time. */
function lineReader(stream) {
  const ready = [];
  const waiting = [];
  readLines(stream, (bytes, at) => {
    const line = { bytes, at };
    if (waiting.length) waiting.shift()(line);
    else ready.push(line);
  });
  return () => (ready.length ? Promise.resolve(ready.shift()) : new Promise((r) => waiting.push(r)));
}

const peakRssMb = (pid) =>
  Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/**
 * Spawns a server that answers exactly one query: ms from the request to the last byte of the answer,
 * and the server's peak RSS read right after. Gives up after timeoutMs; the server is always killed
 * (the reference would linger 10 s on its idle pool connection).
 */
async function answerOnce(bin, url, sql, timeoutMs = REFERENCE_TIMEOUT_MS) {
  const child = spawn(process.execPath, [bin, url], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdin.on('error', () => {}); // EPIPE when it died; reported below
  const next = lineReader(child.stdout);
  const send = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  const died = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ died: sig ?? code })));
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), timeoutMs);
  });
  try {
    send({ id: 0, method: 'initialize', params: INITIALIZE });
    await Promise.race([next(), died]);
    send({ method: 'notifications/initialized' });
    const started = performance.now();
    send({ id: 1, method: 'tools/call', params: queryCall(sql) });
    const line = await Promise.race([next(), died, timeout]);
    if (line.timedOut) return { failed: `killed after ${timeoutMs / 1000} s` };
    if (line.died !== undefined)
      return { failed: `died (${/heap out of memory/.test(stderr) ? 'out of memory' : line.died})` };
    const peakMb = peakRssMb(child.pid);
    return { ms: line.at - started, peakMb, bytes: line.bytes.length, message: JSON.parse(line.bytes) };
  } finally {
    clearTimeout(timer);
    child.kill('SIGKILL');
  }
}

/** Rows in the reference's answer: it returns JSON.stringify(rows, null, 2), one "id" key per row. */
function countReferenceRows(result) {
  const text = result.content?.[0]?.text ?? '';
  let rows = 0;
  for (let i = text.indexOf('"id":'); i !== -1; i = text.indexOf('"id":', i + 5)) rows++;
  return rows;
}

/** Fails the bench unless the server answers SELECT 1: a refused call would make its latency meaningless. */
async function assertAnswersSelectOne(bin, url) {
  const answer = await answerOnce(bin, url, 'SELECT 1');
  resultOf(answer.message ?? answer, `SELECT 1 through ${bin}`);
}

async function selectOneRows(url) {
  await assertAnswersSelectOne(ours, url);
  await assertAnswersSelectOne(theirs, url);
  const raw = await rawSelectOne(url);
  const oursMs = await callLatency(ours, [url], 'query', { sql: 'SELECT 1' }, CALLS);
  // Takes 10 s longer than it measures: the reference exits only when its idle pool connection times out.
  const theirsMs = await callLatency(theirs, [url], 'query', { sql: 'SELECT 1' }, CALLS);
  const limit = 2 * raw + 1;
  return [
    {
      measure: `SELECT 1 p50 (${CALLS} calls) vs raw pg`,
      ours: ms(oursMs),
      theirs: `pg ${ms(raw)}`,
      ratio: `${(oursMs / raw).toFixed(2)}x`,
      target: `<= ${ms(limit)} (2x + 1 ms)`,
      ok: oursMs <= limit,
    },
    reportRow('SELECT 1 p50 vs reference server', oursMs, theirsMs),
  ];
}

/** The capped query on a warm server, and peak RSS in a fresh one; the reference returns every row. */
async function bigRows(url, notes) {
  const oursMs = await timeOursBig(url);
  const fresh = await answerOnce(ours, url, BIG_SQL);
  assertCapped(resultOf(fresh.message ?? fresh, `${BIG_SQL} (fresh server)`));
  const ref = await answerOnce(theirs, url, BIG_SQL);
  notes.push(`${BIG_SQL} as the first call of a fresh Bastion server: ${ms(fresh.ms)}`);
  if (ref.message) {
    const count = countReferenceRows(resultOf(ref.message, `${BIG_SQL} (reference)`));
    const size = `${(ref.bytes / 2 ** 20).toFixed(0)} MiB`;
    notes.push(`reference answer to ${BIG_SQL}: ${count.toLocaleString('en')} rows in one ${size} message`);
  }
  return [
    {
      measure: `${BIG_SQL} (1M rows; ours capped at ${MAX_ROWS}), median of ${BIG_RUNS}`,
      ours: ms(oursMs),
      theirs: ref.failed ?? `${ms(ref.ms)} (1 run)`,
      ratio: ref.failed ? '-' : `${(oursMs / ref.ms).toFixed(3)}x`,
      target: '< 300 ms',
      ok: oursMs < 300,
    },
    {
      measure: `server peak RSS after answering only ${BIG_SQL}`,
      ours: mb(fresh.peakMb),
      theirs: ref.failed ? '-' : mb(ref.peakMb),
      ratio: ref.failed ? '-' : `${(fresh.peakMb / ref.peakMb).toFixed(2)}x`,
      target: '< 150 MB',
      ok: fresh.peakMb < 150,
    },
  ];
}

async function serverVersion(url) {
  const { rows } = await withClient(url, (client) => client.query('SHOW server_version'));
  return rows[0].server_version;
}

const cluster = await startPostgres({ log: (m) => process.stderr.write(`[bench] ${m}\n`) });
try {
  const db = await createDatabase(cluster.adminUrl);
  await seedBig(db.adminUrl);
  // Settles the fresh table (hint bits, visibility map) so no scan writes or races autovacuum.
  await withClient(db.adminUrl, (client) => client.query('VACUUM (ANALYZE) public.big'));
  const notes = [];
  const rows = [
    ...(await selectOneRows(db.readerUrl)),
    ...(await bigRows(db.readerUrl, notes)),
    ...(await coldStartRows(ours, theirs, [db.readerUrl], { runs: RUNS })),
    ...(await enduranceRows({
      bin: ours,
      args: [db.readerUrl],
      tool: 'query',
      toolArgs: { sql: 'SELECT 1 AS one' },
      check: (result) => JSON.stringify(result).includes('one'),
      anchor: { bin: theirs, args: [db.readerUrl], tool: 'query', toolArgs: { sql: 'SELECT 1 AS one' } },
    })),
  ];
  const versions = `PostgreSQL ${await serverVersion(db.adminUrl)} (embedded), node ${process.version}`;
  console.log(
    `Bastion postgres vs @modelcontextprotocol/server-postgres@0.6.2 and pg@8.23.1, reader role; ${versions}; cold starts median of ${RUNS}\n`,
  );
  printTable(rows);
  console.log(`\n${notes.join('\n')}`);
} finally {
  await cluster.stop();
}

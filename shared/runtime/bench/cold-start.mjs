#!/usr/bin/env node
// pnpm bench (runtime): the template bin's cold start and per-call latency beside the reference
// filesystem server's, measured alternately in one run. Target: cold start at most 0.6x.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callLatency, coldStart, median, printTable, referenceFilesystemBin } from './stdio-probe.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ours = path.resolve(here, '../../../servers/template/dist/index.js');
const theirs = referenceFilesystemBin();
const runs = Number(process.env.BENCH_RUNS ?? 20);

// This machine sets NODE_EXTRA_CA_CERTS, which adds a fixed cost to every Node start (both
// servers pay it). Both rows are printed: as the machine runs, and without that fixed cost.
// Bastion bins keep V8's compile cache per user; the first start after an install has none, so
// that case is measured too (BASTION_NO_COMPILE_CACHE=1).
const environments = [
  ['cold start (env as is)', process.env],
  ['cold start (no NODE_EXTRA_CA_CERTS)', { ...process.env, NODE_EXTRA_CA_CERTS: '' }],
  ['cold start, first run (no compile cache)', { ...process.env, BASTION_NO_COMPILE_CACHE: '1' }],
];
const ms = (v) => `${v.toFixed(1)} ms`;
const row = (measure, a, b, target, limit) => ({
  measure,
  ours: ms(a),
  theirs: ms(b),
  ratio: `${(a / b).toFixed(2)}x`,
  target: limit ? `<= ${limit.toFixed(2)}x` : target,
  ok: limit ? a / b <= limit : true,
});

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bastion-bench-'));
try {
  const rows = [];
  for (const [label, env] of environments) {
    const a = [];
    const b = [];
    for (let i = 0; i < runs; i++) {
      a.push(await coldStart(ours, [dir], env));
      b.push(await coldStart(theirs, [dir], env));
    }
    rows.push(row(label, median(a), median(b), '', 0.6));
  }
  const callOurs = await callLatency(ours, [dir], 'greet', { name: 'x' });
  const callTheirs = await callLatency(theirs, [dir], 'list_allowed_directories', {});
  rows.push(row('trivial tools/call p50', callOurs, callTheirs, 'report'));
  console.log(
    `Spawn to first tools/list answer, median of ${runs}, runs alternating; node ${process.version}\n`,
  );
  console.log(
    'bastion: servers/template/dist/index.js; reference: @modelcontextprotocol/server-filesystem@2026.8.31\n',
  );
  printTable(rows);
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}

#!/usr/bin/env node
// pnpm bench (runtime): the template bin's cold start and per-call latency beside the reference
// filesystem server's, measured alternately in one run. Target: cold start at most 0.6x.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  callLatency,
  coldStartRows,
  enduranceRows,
  printTable,
  referenceFilesystemBin,
} from './stdio-probe.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ours = path.resolve(here, '../../../servers/template/dist/index.js');
const theirs = referenceFilesystemBin();
const runs = Number(process.env.BENCH_RUNS ?? 20);

const ms = (v) => `${v.toFixed(1)} ms`;

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bastion-bench-'));
try {
  const rows = await coldStartRows(ours, theirs, [dir], { runs });
  const callOurs = await callLatency(ours, [dir], 'greet', { name: 'x' });
  const callTheirs = await callLatency(theirs, [dir], 'list_allowed_directories', {});
  rows.push({
    measure: 'trivial tools/call p50',
    ours: ms(callOurs),
    theirs: ms(callTheirs),
    ratio: `${(callOurs / callTheirs).toFixed(2)}x`,
    target: 'report',
    ok: true,
  });
  rows.push(
    ...(await enduranceRows({
      bin: ours,
      args: [dir],
      tool: 'greet',
      toolArgs: { name: 'x' },
      check: (result) => JSON.stringify(result).includes('x'),
      anchor: { bin: theirs, args: [dir], tool: 'list_allowed_directories', toolArgs: {} },
    })),
  );
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

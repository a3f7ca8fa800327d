#!/usr/bin/env node
// pnpm bench (filesystem): Bastion's filesystem server beside @modelcontextprotocol/server-filesystem
// and the shell tools, on a generated tree of 100,000 small files, all measured in this one run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  coldStartRows,
  enduranceRows,
  median,
  printTable,
  referenceFilesystemBin,
  startServer,
} from '@bastion-mcp/runtime/bench';

const here = path.dirname(fileURLToPath(import.meta.url));
const ours = path.resolve(here, '../dist/index.js');
const theirs = referenceFilesystemBin();
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bastion-fs-bench-')));
const tree = path.join(dir, 'tree');
log(dir);

function log(d) {
  process.stderr.write(`bench workspace: ${d}\n`);
}

/** 20 x 50 x 100 = 100,000 small files; one in 1,000 holds the needle. */
function generateTree() {
  let n = 0;
  for (let a = 0; a < 20; a++) {
    for (let b = 0; b < 50; b++) {
      const folder = path.join(tree, `a${a}`, `b${b}`);
      fs.mkdirSync(folder, { recursive: true });
      for (let c = 0; c < 100; c++) {
        const body = `file ${n}\nsome ordinary text line\n${n % 1000 === 0 ? 'NEEDLE_7f3a here\n' : ''}`;
        fs.writeFileSync(path.join(folder, `file${c}.md`), body);
        n++;
      }
    }
  }
}

/** A 1 GiB text file of numbered lines, written in 8 MiB chunks. */
function generateBigFile() {
  const file = path.join(dir, 'big.log');
  const fd = fs.openSync(file, 'w');
  const line = (i) => `${String(i).padStart(10, '0')} the quick brown fox jumps over the lazy dog\n`;
  let i = 0;
  let written = 0;
  while (written < 1024 ** 3) {
    const lines = [];
    for (let k = 0; k < 150_000; k++) lines.push(line(i++));
    const chunk = Buffer.from(lines.join(''));
    fs.writeSync(fd, chunk);
    written += chunk.length;
  }
  fs.closeSync(fd);
  return file;
}

const timeIt = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

/** Median wall time of a tools/call on a warm server, plus the last result and the server's peak RSS. */
async function timeCall(bin, name, args, runs) {
  const server = startServer(bin, [dir]);
  await server.initialize();
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    last = await server.request('tools/call', { name, arguments: args });
    times.push(performance.now() - t);
  }
  const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  await server.stop();
  const text = (last.result?.content ?? []).map((c) => c.text ?? '').join('');
  return { ms: median(times), text, peakMb: peakKb / 1024, error: last.result?.isError || last.error };
}

const ms = (v) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const rows = [];
try {
  generateTree();
  const bigFile = generateBigFile();

  const searchArgs = { path: tree, pattern: '**/file7.md' };
  const oursSearch = await timeCall(ours, 'search_files', { ...searchArgs, maxResults: 10000 }, RUNS);
  const theirSearch = await timeCall(theirs, 'search_files', searchArgs, Math.min(RUNS, 3));
  const find = median(
    Array.from({ length: RUNS }, () => timeIt(() => execFileSync('find', [tree, '-name', 'file7.md']))),
  );
  const hits = oursSearch.text.split('\n').filter((l) => l.endsWith('file7.md')).length;
  rows.push({
    measure: `search_files **/file7.md (${hits} hits)`,
    ours: ms(oursSearch.ms),
    theirs: ms(theirSearch.ms),
    ratio: `${(theirSearch.ms / oursSearch.ms).toFixed(1)}x faster`,
    target: '>= 20x faster',
    ok: theirSearch.ms / oursSearch.ms >= 20,
  });
  rows.push({
    measure: 'search_files vs find -name',
    ours: ms(oursSearch.ms),
    theirs: `find ${ms(find)}`,
    ratio: `${(oursSearch.ms / find).toFixed(2)}x`,
    target: '<= 4x',
    ok: oursSearch.ms / find <= 4,
  });

  const grepArgs = { path: tree, query: 'NEEDLE_7f3a', maxResults: 1000 };
  const oursGrep = await timeCall(ours, 'search_file_contents', grepArgs, RUNS);
  const grep = median(
    Array.from({ length: RUNS }, () => timeIt(() => execFileSync('grep', ['-rl', 'NEEDLE_7f3a', tree]))),
  );
  rows.push({
    measure: 'search_file_contents literal vs grep -rl',
    ours: ms(oursGrep.ms),
    theirs: `grep ${ms(grep)}`,
    ratio: `${(oursGrep.ms / grep).toFixed(2)}x`,
    target: '<= 3x',
    ok: oursGrep.ms / grep <= 3,
  });

  const subtree = path.join(tree, 'a0'); // 50 x 100 = 5,000 files
  const oursTree = await timeCall(ours, 'directory_tree', { path: subtree }, 1);
  const theirTree = await timeCall(theirs, 'directory_tree', { path: subtree }, 1);
  const [a, b] = [Buffer.byteLength(oursTree.text), Buffer.byteLength(theirTree.text)];
  rows.push({
    measure: 'directory_tree 5,000 files (bytes)',
    ours: `${a}`,
    theirs: `${b}`,
    ratio: `${(a / b).toFixed(2)}x`,
    target: '<= 0.33x',
    ok: a / b <= 1 / 3,
  });

  const tail = await timeCall(ours, 'read_text_file', { path: bigFile, tail: 100 }, RUNS);
  const tailLines = tail.text.split('\n').filter(Boolean).length;
  rows.push({
    measure: `read_text_file tail 100 of 1 GiB (${tailLines} lines)`,
    ours: ms(tail.ms),
    theirs: '-',
    ratio: '-',
    target: '< 50 ms',
    ok: tail.ms < 50 && !tail.error,
  });
  rows.push({
    measure: 'peak RSS during the tail calls',
    ours: `${tail.peakMb.toFixed(0)} MB`,
    theirs: '-',
    ratio: '-',
    target: '< 100 MB',
    ok: tail.peakMb < 100,
  });

  rows.push(...(await coldStartRows(ours, theirs, [dir])));
  rows.push(
    ...(await enduranceRows({
      bin: ours,
      args: [dir],
      tool: 'list_allowed_directories',
      toolArgs: {},
      check: (result) => JSON.stringify(result).includes(path.basename(dir)),
      anchor: { bin: theirs, args: [dir], tool: 'list_allowed_directories', toolArgs: {} },
    })),
  );

  console.log(
    `Bastion filesystem vs @modelcontextprotocol/server-filesystem@2026.8.31; node ${process.version}; median of ${RUNS} unless noted\n`,
  );
  printTable(rows);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

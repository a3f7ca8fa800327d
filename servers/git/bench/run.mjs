#!/usr/bin/env node
// pnpm bench (git): Bastion's git tools against the raw git commands they wrap, on a generated
// repository of 20,000 commits and 10,000 files, plus cold start against the reference filesystem
// server (the reference git server is Python and not installable here). One run, one table.
import { execFileSync, spawnSync } from 'node:child_process';
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
const reference = referenceFilesystemBin();
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const FILES = 10_000;
const COMMITS = 20_000;

/** Writes the history with git fast-import: one commit adding every file, then one change per commit. */
function generateRepo(repo) {
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  const parts = [];
  const stamp = 1_700_000_000;
  const commit = (n, files) => {
    const message = `commit ${n}\n`;
    parts.push(
      `commit refs/heads/main\nmark :${n}\ncommitter Bench <bench@example.com> ${stamp + n * 60} +0000\n`,
    );
    parts.push(`data ${Buffer.byteLength(message)}\n${message}`);
    if (n > 1) parts.push(`from :${n - 1}\n`);
    for (const [name, body] of files)
      parts.push(`M 644 inline ${name}\ndata ${Buffer.byteLength(body)}\n${body}\n`);
  };
  const fileName = (i) => `dir${i % 100}/file${i}.txt`;
  commit(
    1,
    Array.from({ length: FILES }, (_, i) => [fileName(i), `file ${i}\n`]),
  );
  for (let n = 2; n <= COMMITS; n++)
    commit(n, [[fileName(n % FILES), `file ${n % FILES} changed in ${n}\n`]]);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, input: parts.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', '-f', 'main'], { cwd: repo });
  fs.writeFileSync(path.join(repo, 'dir1/file1.txt'), 'dirty\n');
}

const timeRaw = (repo, args) =>
  median(
    Array.from({ length: RUNS }, () => {
      const t = performance.now();
      const out = spawnSync('git', args, { cwd: repo, maxBuffer: 1 << 28 });
      if (out.status !== 0) throw new Error(`git ${args.join(' ')}: ${out.stderr}`);
      return performance.now() - t;
    }),
  );

async function timeTool(server, name, args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const answer = await server.request('tools/call', { name, arguments: args });
    times.push(performance.now() - t);
    if (answer.error || answer.result?.isError)
      throw new Error(`${name}: ${JSON.stringify(answer).slice(0, 300)}`);
  }
  return median(times);
}

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bastion-git-bench-')));
const repo = path.join(dir, 'repo');
const ms = (v) => `${v.toFixed(1)} ms`;
try {
  generateRepo(repo);
  const server = startServer(ours, [repo]);
  await server.initialize();
  const cases = [
    ['git_status', {}, ['status', '--porcelain=v2', '--branch', '-z']],
    [
      'git_log (100 entries)',
      { max_count: 100 },
      ['log', '-n', '100', '--format=%H%x00%an%x00%ae%x00%aI%x00%s%x00%b%x1e'],
    ],
    ['git_diff HEAD~50', { target: 'HEAD~50' }, ['diff', '--no-ext-diff', 'HEAD~50']],
  ];
  const rows = [];
  for (const [label, args, raw] of cases) {
    const tool = label.split(' ')[0];
    const oursMs = await timeTool(server, tool, args);
    const rawMs = timeRaw(repo, raw);
    const limit = rawMs * 1.3 + 15;
    rows.push({
      measure: label,
      ours: ms(oursMs),
      theirs: `git ${ms(rawMs)}`,
      ratio: `${(oursMs / rawMs).toFixed(2)}x`,
      target: `<= ${ms(limit)}`,
      ok: oursMs <= limit,
    });
  }
  await server.stop();
  rows.push(...(await coldStartRows(ours, reference, [repo])));
  rows.push(
    ...(await enduranceRows({
      bin: ours,
      args: [repo],
      tool: 'git_branch',
      toolArgs: {},
      check: (result) => JSON.stringify(result).includes('main'),
    })),
  );
  console.log(
    `Bastion git on ${COMMITS} commits x ${FILES} files; node ${process.version}; git ${execFileSync('git', ['--version']).toString().trim()}; median of ${RUNS}\n`,
  );
  printTable(rows);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

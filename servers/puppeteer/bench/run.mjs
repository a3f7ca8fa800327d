#!/usr/bin/env node
// pnpm bench (puppeteer): Bastion's browser server beside @playwright/mcp@0.0.86 and the reference
// @modelcontextprotocol/server-puppeteer@2025.5.12, all three on the same Chromium and the same local pages.
// One run, one table.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { coldStart, enduranceRows, median, printTable, startServer } from '@bastion-mcp/runtime/bench';
import { benchPages } from './pages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const ROOT = process.getuid?.() === 0;
const CALL_TIMEOUT_MS = 60_000;
const progress = (what) => process.stderr.write(`bench: ${what}\n`);

const binOf = (pkg) => {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  return path.join(path.dirname(manifest), typeof bin === 'string' ? bin : Object.values(bin)[0]);
};

const site = http.createServer((req, res) => {
  const body = benchPages[new URL(req.url, 'http://x').pathname];
  if (body === undefined) return void res.writeHead(204).end();
  res.writeHead(200, { 'content-type': 'text/html' }).end(body);
});
await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${site.address().port}`;

const SERVERS = {
  bastion: {
    bin: path.resolve(here, '../dist/index.js'),
    args: [
      '--allowed-origins',
      origin,
      '--executable-path',
      CHROMIUM,
      '--max-response-chars',
      '10000000',
      '--toolsets',
      'all',
      ...(ROOT ? ['--no-sandbox'] : []),
    ],
    env: { ...process.env, PUPPETEER_LOG_LEVEL: 'warn' },
    navigate: (url) => ['browser_navigate', { url }],
    snapshot: ['browser_snapshot', {}],
    click: (ref) => ['browser_click', { ref }],
  },
  playwright: {
    bin: binOf('@playwright/mcp'),
    args: [
      '--headless',
      '--isolated',
      '--browser',
      'chromium',
      '--executable-path',
      CHROMIUM,
      '--output-dir',
      fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pw-')),
      ...(ROOT ? ['--no-sandbox'] : []),
    ],
    env: process.env,
    navigate: (url) => ['browser_navigate', { url }],
    snapshot: ['browser_snapshot', {}],
    click: (ref) => ['browser_click', { element: 'Count button', target: ref }],
  },
  reference: {
    bin: binOf('@modelcontextprotocol/server-puppeteer'),
    args: [],
    env: {
      ...process.env,
      ALLOW_DANGEROUS: 'true',
      PUPPETEER_LAUNCH_OPTIONS: JSON.stringify({
        headless: true,
        executablePath: CHROMIUM,
        args: ROOT ? ['--no-sandbox'] : [],
      }),
    },
    navigate: (url) => ['puppeteer_navigate', { url }],
  },
};

async function start(name) {
  const s = SERVERS[name];
  const server = startServer(s.bin, s.args, s.env);
  await server.initialize();
  const call = async ([tool, args]) => {
    let timer;
    const answer = await Promise.race([
      server.request('tools/call', { name: tool, arguments: args }),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve({ error: `no answer in ${CALL_TIMEOUT_MS} ms` }), CALL_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    if (answer.error || answer.result?.isError)
      throw new Error(`${name} ${tool}: ${JSON.stringify(answer.error ?? answer.result).slice(0, 300)}`);
    return answer.result.content
      .filter((c) => c.type === 'text')
      .map((c) => c.text)
      .join('\n');
  };
  // The reference does not exit when stdin closes (its browser keeps it alive): end it and its browser.
  const stop = async () => {
    const tree = descendants(server.pid);
    await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 3000))]);
    for (const pid of [server.pid, ...tree]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
  };
  return { ...server, stop, call, spec: s };
}

async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Resident memory of a process and of all its descendants (the browser), in MB. */
function rss(pid) {
  const of = (p) => {
    try {
      return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  };
  return { own: of(pid), tree: of(pid) + descendants(pid).reduce((n, p) => n + of(p), 0) };
}

function descendants(pid) {
  const children = (p) => {
    try {
      return execFileSync('ps', ['-o', 'pid=', '--ppid', String(p)], { encoding: 'utf8' })
        .split('\n')
        .map(Number)
        .filter(Boolean);
    } catch {
      return [];
    }
  };
  const all = [];
  const walk = (p) => {
    for (const c of children(p)) {
      all.push(c);
      walk(c);
    }
  };
  walk(pid);
  return all;
}

const rows = [];
const row = (measure, bastion, playwright, reference, target, ok) =>
  rows.push({ measure, bastion, playwright, reference, target, ok });
const fmt = (v, unit) => (v === undefined ? '-' : `${v.toFixed(v < 10 ? 1 : 0)}${unit}`);

// 1. Snapshot size and refs on three pages.
const ours = await start('bastion');
const pw = await start('playwright');
const INTERACTIVE =
  "document.querySelectorAll('a[href],button,input:not([type=hidden]),select,textarea,[contenteditable=true]').length";
progress('snapshot sizes');
for (const page of ['/form', '/article', '/table']) {
  await ours.call(ours.spec.navigate(origin + page));
  await pw.call(pw.spec.navigate(origin + page));
  const a = await ours.call(ours.spec.snapshot);
  const b = await pw.call(pw.spec.snapshot);
  const interactive = Number(
    /\n(\d+)\n/.exec(await ours.call(['browser_evaluate', { function: `() => ${INTERACTIVE}` }]))?.[1],
  );
  const refs = (a.match(/\[ref=e\d+\]/g) ?? []).length;
  const ratio = a.length / b.length;
  row(
    `snapshot chars ${page} (${refs} refs / ${interactive} interactive)`,
    String(a.length),
    String(b.length),
    '-',
    '<= 0.50x pw, every interactive has a ref',
    ratio <= 0.5 && refs >= interactive,
  );
  rows.at(-1).ratio = ratio;
}

// 2. navigate + snapshot, and click -> answer (p50 of RUNS).
progress('navigate + snapshot, click');
const navSnap = { bastion: [], playwright: [] };
const click = { bastion: [], playwright: [] };
for (let i = 0; i < RUNS; i++) {
  for (const [name, s] of [
    ['bastion', ours],
    ['playwright', pw],
  ]) {
    navSnap[name].push(
      await timed(async () => {
        await s.call(s.spec.navigate(`${origin}/form`));
        await s.call(s.spec.snapshot);
      }),
    );
    await s.call(s.spec.navigate(`${origin}/counter`));
    const snap = await s.call(s.spec.snapshot);
    const ref = /button "Count[^"]*"[^\n]*\[ref=(\w+)\]/.exec(snap)?.[1];
    if (!ref) throw new Error(`${name}: no Count button in\n${snap.slice(0, 2000)}`);
    click[name].push(await timed(() => s.call(s.spec.click(ref))));
  }
}
for (const [label, data] of [
  ['navigate + snapshot p50', navSnap],
  ['click -> answer p50', click],
]) {
  const [a, b] = [median(data.bastion), median(data.playwright)];
  row(label, fmt(a, ' ms'), fmt(b, ' ms'), '-', '<= 1.0x pw', a / b <= 1.0);
  rows.at(-1).ratio = a / b;
}
await ours.stop();
await pw.stop();

// 3. Cold start to tools/list (no browser yet), alternating; first call including the browser launch.
progress('cold starts');
const cold = { bastion: [], reference: [], playwright: [] };
for (let i = 0; i < RUNS; i++)
  for (const name of ['bastion', 'reference', 'playwright'])
    cold[name].push(await coldStart(SERVERS[name].bin, SERVERS[name].args, SERVERS[name].env));
const [cb, cr, cp] = [median(cold.bastion), median(cold.reference), median(cold.playwright)];
row(
  'cold start to tools/list',
  fmt(cb, ' ms'),
  fmt(cp, ' ms'),
  fmt(cr, ' ms'),
  '<= 0.60x reference',
  cb / cr <= 0.6,
);
rows.at(-1).ratio = cb / cr;

const first = {};
const memory = {};
for (const name of ['bastion', 'playwright', 'reference']) {
  progress(`first call and 50 navigations: ${name}`);
  const s = await start(name);
  first[name] = await timed(() => s.call(s.spec.navigate(`${origin}/form`)));
  const before = rss(s.pid).own;
  let peak = 0;
  for (let i = 0; i < 50; i++) {
    await s.call(s.spec.navigate(`${origin}/${['form', 'article', 'counter'][i % 3]}`));
    if (i % 10 === 9) {
      peak = Math.max(peak, rss(s.pid).tree);
      progress(`  ${i + 1} navigations`);
    }
  }
  memory[name] = { peak, growth: rss(s.pid).own - before };
  await s.stop();
}
row(
  'first call incl. browser launch',
  fmt(first.bastion, ' ms'),
  fmt(first.playwright, ' ms'),
  fmt(first.reference, ' ms'),
  'report',
  true,
);
row(
  'server + browser peak RSS, 50 navigations',
  fmt(memory.bastion.peak, ' MB'),
  fmt(memory.playwright.peak, ' MB'),
  fmt(memory.reference.peak, ' MB'),
  'report',
  true,
);
row(
  'server RSS growth over the run',
  fmt(memory.bastion.growth, ' MB'),
  fmt(memory.playwright.growth, ' MB'),
  fmt(memory.reference.growth, ' MB'),
  'bastion < 30 MB',
  memory.bastion.growth < 30,
);

site.close();
const header = ['measure', 'bastion', '@playwright/mcp', 'reference', 'ratio', 'target', 'ok'];
const cells = [
  header,
  ...rows.map((r) => [
    r.measure,
    r.bastion,
    r.playwright,
    r.reference,
    r.ratio === undefined ? '-' : `${r.ratio.toFixed(2)}x`,
    r.target,
    r.ok ? 'yes' : 'NO',
  ]),
];
const widths = header.map((_, i) => Math.max(...cells.map((c) => String(c[i]).length)));
const line = (c) => `| ${c.map((v, i) => String(v).padEnd(widths[i])).join(' | ')} |`;
console.log(
  `${os.cpus().length} cores, Node ${process.version}, ${execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).trim()}, ${RUNS} runs\n`,
);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const c of cells.slice(1)) console.log(line(c));

// The server process alone under many cheap calls (the browser's own memory is in the table above).
console.log('\nbastion server process, cheap calls (browser_tabs list), stdio and a bounded HTTP load:\n');
printTable(
  await enduranceRows({
    bin: SERVERS.bastion.bin,
    args: SERVERS.bastion.args,
    env: SERVERS.bastion.env,
    tool: 'browser_tabs',
    toolArgs: { action: 'list' },
    check: (result) => !result.isError,
    // Stateless HTTP calls share one browser session, so the kit's full 3,000-call load applies.
  }),
);
process.exit(0);

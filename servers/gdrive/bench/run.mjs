#!/usr/bin/env node
// pnpm bench (gdrive): the server against a local fake Drive API (in its own process), beside direct
// @googleapis/drive calls to the same fake: p50 overhead of search_files and read_file (with and
// without --roots), RSS growth while a 30 MB file is read to --output-dir, and cold start beside the
// reference filesystem server (no network and no token refresh happen before initialize).
import { spawn } from 'node:child_process';
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
import { drive } from '@googleapis/drive';
import { OAuth2Client } from 'google-auth-library';

const here = path.dirname(fileURLToPath(import.meta.url));
const ours = path.resolve(here, '../dist/index.js');
const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bastion-gdrive-bench-'));
process.env.GDRIVE_LOG_LEVEL = 'warn';

const fake = spawn(process.execPath, [path.resolve(here, '../test/fake/serve.mjs'), scratch], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const { url, credentials, oauth } = JSON.parse(
  await new Promise((resolve) => {
    let out = '';
    fake.stdout.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
  }),
);
const args = ['--api-url', url, '--credentials-path', credentials, '--oauth-path', oauth];

/** Median ms of `ours` and of `theirs`, calls alternating so the machine's load hits both alike. */
async function paired(ours, theirs) {
  for (let i = 0; i < 20; i++) {
    await ours();
    await theirs();
  }
  const a = [];
  const b = [];
  for (let i = 0; i < CALLS; i++) {
    let t = performance.now();
    await ours();
    a.push(performance.now() - t);
    t = performance.now();
    await theirs();
    b.push(performance.now() - t);
  }
  return [median(a), median(b)];
}

function direct() {
  const token = JSON.parse(fs.readFileSync(credentials, 'utf8'));
  const client = JSON.parse(fs.readFileSync(oauth, 'utf8')).installed;
  const auth = new OAuth2Client({ clientId: client.client_id, clientSecret: client.client_secret });
  auth.setCredentials(token);
  return drive({ version: 'v3', auth, rootUrl: url });
}

async function server(extra = []) {
  const s = startServer(ours, [...args, ...extra]);
  await s.initialize();
  return {
    ...s,
    call: async (name, a) => {
      const m = await s.request('tools/call', { name, arguments: a });
      if (!m.result || m.result.isError)
        throw new Error(`${name} failed: ${JSON.stringify(m).slice(0, 300)}`);
      return m.result;
    },
  };
}

const SEARCH_Q = "fullText contains 'plan' and trashed = false";
const rows = [];
const api = direct();
const directSearch = () =>
  api.files.list({
    q: SEARCH_Q,
    pageSize: 25,
    orderBy: 'modifiedTime desc',
    fields:
      'nextPageToken,files(id,name,mimeType,size,modifiedTime,owners(emailAddress),parents,driveId,webViewLink)',
    supportsAllDrives: true,
    includeItemsFromAllDrives: true,
    corpora: 'allDrives',
  });
const directRead = async () => {
  await api.files.get({ fileId: 'doc-plan', fields: 'id,name,mimeType,size', supportsAllDrives: true });
  await api.files.export({ fileId: 'doc-plan', mimeType: 'text/markdown' }, { responseType: 'arraybuffer' });
};
const overhead = (measure, a, b) => ({
  measure,
  ours: `${a.toFixed(2)} ms`,
  theirs: `${b.toFixed(2)} ms (direct)`,
  ratio: `${(a / b).toFixed(2)}x`,
  target: '<= 1.3x + 2 ms',
  ok: a <= 1.3 * b + 2,
});

const plain = await server();
const withRoots = await server(['--roots', 'fld-projects,drv-eng']);
const search = (s) => () => s.call('search_files', { text: 'plan' });
const read = (s) => () => s.call('read_file', { fileId: 'doc-plan' });
rows.push(overhead('search_files p50', ...(await paired(search(plain), directSearch))));
rows.push(overhead('read_file (Doc) p50', ...(await paired(read(plain), directRead))));
rows.push(overhead('search_files p50, --roots', ...(await paired(search(withRoots), directSearch))));
rows.push(overhead('read_file (Doc) p50, --roots', ...(await paired(read(withRoots), directRead))));
await plain.stop();
await withRoots.stop();

// RSS while the 30 MB file is streamed to --output-dir: VmHWM (peak) after, VmRSS before.
const status = (pid, field) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) /
  1024;
// Median of 3 fresh servers, each warmed up by one small download (the code paths load first), so
// the growth is what the 30 MB file costs.
const growths = [];
let took = 0;
for (let run = 0; run < 3; run++) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bastion-gdrive-out-'));
  const big = await server(['--output-dir', out]);
  await big.call('read_file', { fileId: 'img-logo', download: true });
  const before = status(big.pid, 'VmRSS');
  const t0 = performance.now();
  await big.call('read_file', { fileId: 'bin-video' });
  took = performance.now() - t0;
  growths.push(status(big.pid, 'VmHWM') - before);
  await big.stop();
  fs.rmSync(out, { recursive: true, force: true });
}
const growth = median(growths);
rows.push({
  measure: '30 MB read to --output-dir: RSS growth',
  ours: `${growth.toFixed(1)} MB`,
  theirs: '-',
  ratio: `${took.toFixed(0)} ms`,
  target: '< 40 MB',
  ok: growth < 40,
});
console.log(`RSS growth of the three runs: ${growths.map((g) => g.toFixed(1)).join(', ')} MB`);

const fsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bastion-gdrive-fs-'));
rows.push(
  ...(await coldStartRows(ours, referenceFilesystemBin(), args, {
    runs: RUNS,
    limit: 0.6,
    theirArgs: [fsDir],
  })),
);
fs.rmSync(fsDir, { recursive: true, force: true });
rows.push(
  ...(await enduranceRows({
    bin: ours,
    args,
    tool: 'list_shared_drives',
    toolArgs: {},
    check: (result) => !result.isError,
  })),
);

fake.kill();
fs.rmSync(scratch, { recursive: true, force: true });
console.log(
  `gdrive bench (${CALLS} calls per p50, ${RUNS} starts per cold start; reference cold start: server-filesystem)`,
);
printTable(rows);
process.exit(rows.every((r) => r.ok) ? 0 : 1);

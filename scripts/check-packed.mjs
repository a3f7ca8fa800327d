#!/usr/bin/env node
// Every server as a user gets it from npm: packs servers/* (built first), checks the tarball carries
// LICENSE, README.md, server.json and the bin, installs it with npm into an empty folder (with its
// pinned dependencies, if it has any), then runs
// the installed bin over stdio: the handshake, tools/list, one tools/call, and a clean exit when
// stdin closes. A server given directories is started with `.` in a temp folder.
// Usage: node scripts/check-packed.mjs [name...]   (called by .ci/run after the build)
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const names = fs
  .readdirSync(path.join(repo, 'servers'))
  .filter((n) => fs.existsSync(path.join(repo, 'servers', n, 'package.json')))
  .filter((n) => only.length === 0 || only.includes(n));
const REQUIRED = ['package/LICENSE', 'package/README.md', 'package/server.json', 'package/package.json'];
const STEP_MS = 60_000;

let failed = 0;
for (const name of names) {
  try {
    const summary = await checkServer(name);
    console.log(`check-packed: ${name} ok (${summary})`);
  } catch (error) {
    failed++;
    console.error(`check-packed: ${name} FAILED: ${error.message}`);
  }
}
process.exit(failed ? 1 : 0);

async function checkServer(name) {
  const dir = path.join(repo, 'servers', name);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `bastion-packed-${name}-`));
  execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: dir, stdio: 'pipe' });
  const tarball = path.join(
    work,
    fs.readdirSync(work).find((f) => f.endsWith('.tgz')),
  );
  const listed = execFileSync('tar', ['-tzf', tarball]).toString().split('\n');
  const bins = Object.entries(pkg.bin ?? {});
  if (bins.length !== 1) throw new Error(`expected one bin, package.json has ${bins.length}`);
  const [binName, binPath] = bins[0];
  for (const file of [...REQUIRED, `package/${binPath}`]) {
    if (!listed.includes(file)) throw new Error(`the tarball lacks ${file.slice('package/'.length)}`);
  }
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json']).toString());
  // Most bins are one bundle with no dependencies. A server may keep a large library out of its
  // bundle (gdrive's PDF reader, puppeteer's browser driver): pinned exactly, so users get what CI ran.
  for (const [dep, version] of Object.entries(manifest.dependencies ?? {})) {
    if (!/^\d+\.\d+\.\d+$/.test(version))
      throw new Error(`dependency ${dep}@${version} is not pinned to one version`);
  }

  const prefix = path.join(work, 'installed');
  fs.mkdirSync(prefix);
  execFileSync(
    'npm',
    ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', tarball],
    {
      stdio: 'pipe',
      timeout: STEP_MS,
    },
  );
  const bin = path.join(prefix, 'node_modules', '.bin', binName);
  const help = execFileSync(bin, ['--help']).toString();
  // The folder a server given `.` serves: a git repository with one commit, so git's tools have work.
  const cwd = fs.mkdtempSync(path.join(work, 'cwd-'));
  fs.writeFileSync(path.join(cwd, 'hello.txt'), 'hello\n');
  const gitEnv = { ...process.env, GIT_AUTHOR_NAME: 'ci', GIT_AUTHOR_EMAIL: 'ci@example.com' };
  Object.assign(gitEnv, { GIT_COMMITTER_NAME: 'ci', GIT_COMMITTER_EMAIL: 'ci@example.com' });
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '.'],
    ['commit', '-q', '-m', 'first'],
  ])
    execFileSync('git', args, { cwd, env: gitEnv, stdio: 'pipe' });
  const args = /^Arguments:\n {2}<dir>/m.test(help) ? ['.'] : [];
  return handshake(bin, args, cwd);
}

/** A plain value of a JSON Schema property's type. */
function sample(schema = {}) {
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'number' || schema.type === 'integer') return 1;
  if (schema.type === 'boolean') return false;
  if (schema.type === 'array') return [];
  return 'check';
}

/** The installed bin over stdio, spoken to in raw JSON-RPC lines as a client would. */
function handshake(bin, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const pending = new Map();
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no answer within ${STEP_MS} ms; stderr: ${stderr}`));
    }, STEP_MS);
    const fail = (message) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`${message}\nstderr: ${stderr}`));
    };
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.stdout.on('data', (c) => {
      stdout += c;
      let newline = stdout.indexOf('\n');
      while (newline !== -1) {
        const line = stdout.slice(0, newline);
        stdout = stdout.slice(newline + 1);
        newline = stdout.indexOf('\n');
        let message;
        try {
          message = JSON.parse(line);
        } catch {
          return fail(`stdout carried a line that is not JSON-RPC: ${line.slice(0, 200)}`);
        }
        pending.get(message.id)?.(message);
      }
    });
    let next = 1;
    const request = (method, params) =>
      new Promise((answer) => {
        const id = next++;
        pending.set(id, (message) =>
          message.error ? fail(`${method}: ${JSON.stringify(message.error)}`) : answer(message.result),
        );
        child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      });
    (async () => {
      const init = await request('initialize', {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'check-packed', version: '1' },
      });
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
      const { tools } = await request('tools/list', {});
      if (!tools?.length) return fail('tools/list returned no tools');
      // A read tool with the fewest required fields, filled with plain values: a whole round trip
      // through validation and the handler. An isError answer (postgres with no database) is still a
      // proper answer; a crash, a protocol error or a non-JSON line is not.
      const required = (t) => t.inputSchema?.required ?? [];
      const reads = tools.filter((t) => t.annotations?.readOnlyHint);
      const tool = (reads.length ? reads : tools).sort((a, b) => required(a).length - required(b).length)[0];
      const args = Object.fromEntries(
        required(tool).map((f) => [f, sample(tool.inputSchema.properties?.[f])]),
      );
      const result = await request('tools/call', { name: tool.name, arguments: args });
      if (!Array.isArray(result?.content)) return fail(`tools/call ${tool.name}: no content`);
      child.stdin.end();
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code !== 0) return reject(new Error(`exited ${code} after stdin closed; stderr: ${stderr}`));
        const startup = stderr.split('\n').find((l) => / on stdio: \d+ tools?/.test(l));
        if (!startup) return reject(new Error(`no startup line on stderr: ${stderr}`));
        resolve(
          `${init.serverInfo.name} ${init.serverInfo.version}, ${tools.length} tools, ${tool.name}: ${result.isError ? 'isError' : 'ok'}`,
        );
      });
    })();
  });
}

#!/usr/bin/env node
// The fork flow exactly as a newcomer types it, in a temp copy of this checkout without node_modules or dist:
// `pnpm create-server weather`, then the command it prints (which the root README must show word for word).
// Fails if any step fails, if the fork's README or --help still names the template, or past a time bound.
// Usage: node scripts/check-fork-flow.mjs   (called by .ci/run)
import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = 'weather';
const LIMIT_MS = 10 * 60_000;

function fail(message) {
  console.error(`check-fork-flow: ${message}`);
  process.exit(1);
}

// The files git would put in a fresh clone (tracked and new, not ignored), nothing built or installed.
const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'bastion-fork-'));
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: repo,
})
  .toString()
  .split('\0')
  .filter((f) => f && fs.existsSync(path.join(repo, f)));
for (const file of files) {
  fs.mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
  fs.copyFileSync(path.join(repo, file), path.join(clone, file));
}
// A user's shell is not CI: pnpm install may add the new package to the lockfile.
const env = { ...process.env, CI: '', TURBO_TELEMETRY_DISABLED: '1' };
const run = (command) =>
  execSync(command, { cwd: clone, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: LIMIT_MS }).toString();

try {
  const created = run(`pnpm create-server ${name}`);
  const next = /^Next: (.+)$/m.exec(created)?.[1];
  if (!next) fail(`create-server printed no "Next:" command:\n${created}`);
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8');
  if (!readme.includes(`pnpm create-server ${name}`) || !readme.includes(next))
    fail(`the root README does not show the printed flow:\n  pnpm create-server ${name}\n  ${next}`);
  console.log(`$ pnpm create-server ${name}\n$ ${next}`);
  const out = run(next);
  const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'); // terminal colours
  const plain = out.replace(ansi, '');
  if (!/Tests\s+\d+ passed/.test(plain) || /failed/.test(plain)) fail(`no clean test run in:\n${plain}`);

  const fork = path.join(clone, 'servers', name);
  const forkReadme = fs.readFileSync(path.join(fork, 'README.md'), 'utf8');
  const help = execFileSync(process.execPath, [path.join(fork, 'dist/index.js'), '--help']).toString();
  const envName = `${name.toUpperCase()}_GREETING`;
  if (!help.includes(envName)) fail(`--help does not name ${envName}:\n${help}`);
  if (!forkReadme.includes(envName) || /TEMPLATE_|server-template/.test(forkReadme))
    fail(`the fork's README still names the template's env variables or package`);
  console.log(
    plain
      .split('\n')
      .filter((l) => /Tasks:|Tests |Test Files/.test(l))
      .join('\n'),
  );
  console.log(`check-fork-flow: ok (${clone})`);
  fs.rmSync(clone, { recursive: true, force: true });
} catch (error) {
  fail(`${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}\n(temp copy kept at ${clone})`);
}

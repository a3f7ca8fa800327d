#!/usr/bin/env node
// pnpm demo: a scripted tour of every built server over stdio, with the real SDK client, on
// embedded defaults (temp folders, a throwaway PostgreSQL and the like). Each server's tour lives
// in scripts/demo/.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnBin } from '@bastion-mcp/runtime/testing';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `node scripts/demo.mjs gdrive git` tours only those servers.
const only = process.argv.slice(2);
const tours = ['filesystem', 'gdrive', 'git', 'github', 'postgres', 'puppeteer', 'template'].filter(
  (t) => !only.length || only.includes(t),
);

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const indent = (s, max = 1200) => {
  const cut = s.length > max ? `${s.slice(0, max)}\n… (${s.length - max} more characters)` : s;
  return cut.replace(/^/gm, '    ');
};

/**
 * What a tour gets: a way to start its server, to narrate calls, and to clean up. Cleanups run
 * last-in first-out after the tour, whether it finished or threw: a server started after a
 * resource (a database, say) stops before it.
 */
function tourKit(name, temps, cleanups) {
  return {
    /** Runs `fn` after the tour, even when the tour throws. */
    defer(fn) {
      cleanups.push(fn);
    },
    async tempDir(prefix = name) {
      const dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), `bastion-demo-${prefix}-`)));
      temps.push(dir);
      return dir;
    },
    async start(args = [], env = {}) {
      const bin = path.join(repo, 'servers', name, 'dist', 'index.js');
      const client = await spawnBin(bin, args, {
        env: { [`${name.toUpperCase()}_LOG_LEVEL`]: 'warn', ...env },
      });
      let closing;
      const close = () => {
        closing ??= client.close();
        return closing;
      };
      cleanups.push(close);
      const { tools } = await client.client.listTools();
      console.log(`  ${bold('tools/list')} → ${tools.length} tools: ${tools.map((t) => t.name).join(', ')}`);
      return {
        client,
        async call(tool, args2 = {}, note = '') {
          console.log(
            `\n  ${bold(`${tool}`)} ${dim(JSON.stringify(args2))}${note ? `  ${dim(`# ${note}`)}` : ''}`,
          );
          const result = await client.call(tool, args2);
          const label = result.isError ? '  ✗ refused (isError):' : '  ✓';
          console.log(`${label}\n${indent(client.textOf(result))}`);
          return result;
        },
        close,
      };
    },
  };
}

let failed = false;
for (const name of tours) {
  console.log(`\n${bold(`━━ ${name} ━━`)}`);
  const temps = [];
  const cleanups = [];
  const fail = (what, error) => {
    failed = true;
    console.error(`  ${what} failed: ${error instanceof Error ? error.message : error}`);
  };
  try {
    const { tour } = await import(`./demo/${name}.mjs`);
    await tour(tourKit(name, temps, cleanups));
  } catch (error) {
    fail(`tour ${name}`, error);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        fail(`${name} cleanup`, error);
      }
    }
    await Promise.all(temps.map((dir) => fs.rm(dir, { recursive: true, force: true })));
  }
}
console.log(failed ? '\nDemo finished with failures.' : '\nDemo finished.');
process.exit(failed ? 1 : 0);

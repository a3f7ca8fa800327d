#!/usr/bin/env node
// After bastion-bundle: Octokit and its plugins as dist/octokit.cjs, required on the first GitHub
// call (src/lib/client.ts), so a start parses ~160 kB less. server.cjs never contains them because
// client.ts imports src/lib/octokit-lib.ts through a specifier esbuild does not follow.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [path.join(dir, 'src/lib/octokit-lib.ts')],
  outfile: path.join(dir, 'dist/octokit.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});

#!/usr/bin/env node
// Bundles a server's bin into one ESM file with a shebang, so `npx` installs little and Node loads
// one file. Packages in the server's `dependencies` stay external (heavy ones load lazily).
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const dir = process.cwd();
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const outfile = path.join(dir, 'dist', 'index.js');

await build({
  entryPoints: [path.join(dir, 'src', 'index.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  external: Object.keys(pkg.dependencies ?? {}),
  banner: {
    js: "#!/usr/bin/env node\nimport{createRequire as __bastionRequire}from'node:module';const require=__bastionRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
fs.chmodSync(outfile, 0o755);

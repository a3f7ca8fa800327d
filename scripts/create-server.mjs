#!/usr/bin/env node
// pnpm create-server <name> [--into <dir>]: copies servers/template into a new server package
// with its names changed, ready to build and test.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const name = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--into');
const into = args.includes('--into')
  ? path.resolve(args[args.indexOf('--into') + 1] ?? '')
  : path.join(repo, 'servers');

if (!name || !/^[a-z][a-z0-9-]{1,40}$/.test(name) || name === 'template') {
  console.error(
    'Usage: pnpm create-server <name> [--into <dir>]  (name: lower-case letters, digits and dashes)',
  );
  process.exit(2);
}
const target = path.join(into, name);
if (fs.existsSync(target)) {
  console.error(`${target} already exists; pick another name.`);
  process.exit(2);
}

const pascal = name.replace(/(^|-)([a-z0-9])/g, (_m, _d, c) => c.toUpperCase());
const envPrefix = name.toUpperCase().replace(/-/g, '_'); // the env twins: TEMPLATE_GREETING -> WEATHER_GREETING
const rename = (text) =>
  text.replaceAll('template', name).replaceAll('Template', pascal).replaceAll('TEMPLATE_', `${envPrefix}_`);
// create-server.test.ts tests this script; it belongs to the template alone.
const skip = new Set(['node_modules', 'dist', '.turbo', 'create-server.test.ts']);

function copy(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const src = path.join(from, entry.name);
    const dest = path.join(to, rename(entry.name));
    if (entry.isDirectory()) copy(src, dest);
    else fs.writeFileSync(dest, rename(fs.readFileSync(src, 'utf8')));
  }
}

copy(path.join(repo, 'servers', 'template'), target);
const pkgFile = path.join(target, 'package.json');
const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
pkg.version = '0.1.0';
pkg.description = `Bastion MCP server: ${name}.`;
fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);

console.log(
  `Created ${path.relative(process.cwd(), target) || target} (@bastion-mcp/server-${name}, bin mcp-server-${name}).`,
);
// turbo builds what the package needs first (the runtime, then the package's own dist/), then tests it.
console.log(`Next: pnpm install && pnpm turbo run test --filter=@bastion-mcp/server-${name}`);
console.log(
  'Then replace the example tools in src/tools/ and update test/__toolsnaps__ (delete them; the tests rewrite them).',
);

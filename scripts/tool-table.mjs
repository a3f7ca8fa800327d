#!/usr/bin/env node
// Writes a server's tool table into its README (between <!-- tools:start --> and <!-- tools:end -->),
// generated from the schema snapshots in test/__toolsnaps__, which the tests keep current.
// Usage: node scripts/tool-table.mjs servers/<name> [--check]
import fs from 'node:fs';
import path from 'node:path';

export function toolTable(serverDir) {
  const snapDir = path.join(serverDir, 'test', '__toolsnaps__');
  const tools = fs
    .readdirSync(snapDir)
    .filter((f) => f.endsWith('.snap.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(snapDir, f), 'utf8')))
    .sort((a, b) => a.name.localeCompare(b.name));
  const kind = ({ readOnlyHint, destructiveHint }) =>
    readOnlyHint ? 'read' : destructiveHint ? 'destructive' : 'write';
  const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  // Optional test/toolsets.json ({ tool: toolset }, kept current by the server's inventory test)
  // adds a toolset column, rows grouped by toolset in the file's order.
  const toolsetsFile = path.join(serverDir, 'test', 'toolsets.json');
  const toolsets = fs.existsSync(toolsetsFile)
    ? JSON.parse(fs.readFileSync(toolsetsFile, 'utf8'))
    : undefined;
  if (toolsets) {
    const order = [...new Set(Object.values(toolsets))];
    const rank = (t) => order.indexOf(toolsets[t.name]);
    tools.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  }
  const rows = tools.map((t) => {
    const fields = Object.keys(t.inputSchema?.properties ?? {}).map((f) => `\`${f}\``);
    const set = toolsets ? ` ${toolsets[t.name] ?? '-'} |` : '';
    return `| \`${t.name}\` |${set} ${kind(t.annotations)} | ${fields.join(', ') || '-'} | ${cell(t.description)} |`;
  });
  const head = toolsets
    ? ['| tool | toolset | kind | fields | description |', '|---|---|---|---|---|']
    : ['| tool | kind | fields | description |', '|---|---|---|---|'];
  return [...head, ...rows].join('\n');
}

const START = '<!-- tools:start -->';
const END = '<!-- tools:end -->';

export function withTable(readme, table) {
  const [before, rest] = readme.split(START);
  if (rest === undefined) throw new Error(`README has no ${START} marker`);
  const after = rest.split(END)[1] ?? '';
  return `${before}${START}\n${table}\n${END}${after}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(process.argv[2] ?? '.');
  const file = path.join(dir, 'README.md');
  const current = fs.readFileSync(file, 'utf8');
  const next = withTable(current, toolTable(dir));
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error(`${file}: tool table is stale; run node scripts/tool-table.mjs ${process.argv[2]}`);
      process.exit(1);
    }
  } else fs.writeFileSync(file, next);
}

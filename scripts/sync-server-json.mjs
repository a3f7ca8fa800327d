#!/usr/bin/env node
// After `changeset version` bumps package.json versions: carries each server's version into its
// server.json (the MCP Registry entry), which must match the npm package it names.
// Usage: node scripts/sync-server-json.mjs   (part of `pnpm version-packages`)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const servers = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../servers');
for (const name of fs.readdirSync(servers)) {
  const file = path.join(servers, name, 'server.json');
  if (!fs.existsSync(file)) continue;
  const { version } = JSON.parse(fs.readFileSync(path.join(servers, name, 'package.json'), 'utf8'));
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  json.version = version;
  for (const pkg of json.packages ?? []) pkg.version = version;
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

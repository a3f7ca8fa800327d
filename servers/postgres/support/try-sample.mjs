#!/usr/bin/env node
// One command to try the server on a sample database (`pnpm try:postgres` at the repository root):
// a throwaway embedded PostgreSQL with the sample shop and a SELECT-only role, and the built bin
// serving stdio on it. stdout belongs to the server (JSON-RPC); this script logs on stderr only.
// When the server exits (its client closed stdin, or a signal), the cluster is stopped and deleted.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, startPostgres } from './embedded.mjs';
import { seedSample } from './sample.mjs';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/index.js');
const log = (message) => process.stderr.write(`[try-sample] ${message}\n`);

const cluster = await startPostgres({ log });
const db = await createDatabase(cluster.adminUrl);
await seedSample(db.adminUrl);
log(
  `sample database ${db.name} (schemas shop and public), connected as the SELECT-only role ${db.name}_reader`,
);

const server = spawn(process.execPath, [bin, '--require-readonly-role', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: db.readerUrl },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', async (code) => {
  await db.drop().catch((error) => log(`dropping ${db.name} failed: ${error.message}`));
  await cluster.stop();
  process.exit(code ?? 1);
});

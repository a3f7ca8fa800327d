#!/usr/bin/env node
// Runs the fake Drive API in a process of its own (for scripts whose own event loop blocks, such as
// the conformance runner's spawnSync): `node serve.mjs <dir>` writes a signed-in user's token and the
// OAuth client file into <dir>, prints one JSON line { url, credentials, oauth }, and serves until killed.
import fs from 'node:fs';
import path from 'node:path';
import { startFakeDrive } from './drive.mjs';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: serve.mjs <dir>\n');
  process.exit(2);
}
const fake = await startFakeDrive();
const credentials = path.join(dir, 'credentials.json');
const oauth = path.join(dir, 'oauth.json');
fs.writeFileSync(credentials, JSON.stringify(fake.userToken()), { mode: 0o600 });
fs.writeFileSync(oauth, JSON.stringify(fake.oauthClientFile()));
process.stdout.write(`${JSON.stringify({ url: fake.url, credentials, oauth })}\n`);
process.on('SIGTERM', () => fake.close().then(() => process.exit(0)));

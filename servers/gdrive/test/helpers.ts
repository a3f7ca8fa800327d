import fs from 'node:fs/promises';
import path from 'node:path';
import { type Logger, parseConfig } from '@bastion-mcp/runtime';
import { connect, type Era, type TestClient, tempDir } from '@bastion-mcp/runtime/testing';
import { configSpec, createServer } from '../src/server.js';
import { startFakeDrive } from './fake/drive.mjs';

export const READONLY = 'https://www.googleapis.com/auth/drive.readonly';
export const FULL = 'https://www.googleapis.com/auth/drive';

export type Fake = Awaited<ReturnType<typeof startFakeDrive>>;

export interface Setup {
  fake: Fake;
  dir: string;
  env: Record<string, string>;
  files: { credentials: string; oauth: string };
  /** Builds a server on this fake with extra flags, and connects a client. */
  open(
    argv?: string[],
    options?: { env?: Record<string, string>; log?: Logger; era?: Era },
  ): Promise<TestClient>;
  close(): Promise<void>;
}

/** A fake Drive, a signed-in user's token and OAuth client file in a temp folder. */
export async function setup(
  options: { scope?: string; fake?: Parameters<typeof startFakeDrive>[0] } = {},
): Promise<Setup> {
  const fake = await startFakeDrive(options.fake);
  const dir = await tempDir();
  const files = { credentials: path.join(dir, 'credentials.json'), oauth: path.join(dir, 'oauth.json') };
  await fs.writeFile(files.credentials, JSON.stringify(fake.userToken(options.scope ?? READONLY)), {
    mode: 0o600,
  });
  await fs.writeFile(files.oauth, JSON.stringify(fake.oauthClientFile()));
  const env = {
    GDRIVE_CREDENTIALS_PATH: files.credentials,
    GDRIVE_OAUTH_PATH: files.oauth,
    HOME: dir,
    XDG_CONFIG_HOME: dir,
  };
  const clients: TestClient[] = [];
  return {
    fake,
    dir,
    env,
    files,
    async open(argv = [], extra = {}) {
      const allEnv = { ...env, ...extra.env };
      const parsed = parseConfig(configSpec, ['--api-url', fake.url, ...argv], allEnv);
      if (!('run' in parsed)) throw new Error(parsed.stderr);
      const server = createServer(parsed.run, extra.log, allEnv);
      const client = await connect(server, extra.era ? { era: extra.era } : {});
      let closing: Promise<void> | undefined;
      // Closing the server also waits for a refreshed token being saved.
      const wrapped = { ...client, close: () => (closing ??= client.close().then(() => server.close())) };
      clients.push(wrapped);
      return wrapped;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await fake.close();
    },
  };
}

import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createLogger } from '@bastion-mcp/runtime';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ROBOT } from './fake/seed.mjs';
import { FULL, type Setup, setup } from './helpers.js';

let s: Setup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});
const readToken = async (file: string) => JSON.parse(await fs.readFile(file, 'utf8'));

describe('no network before the first call', () => {
  it('creating the server and initialize send nothing to Google', async () => {
    s = await setup();
    const c = await s.open();
    await c.client.listTools();
    expect(s.fake.requests).toEqual([]);
    await c.call('list_shared_drives');
    expect(s.fake.requests.length).toBeGreaterThan(0);
  });
});

describe('the stored user token', () => {
  it('refreshes an access token the server expired, with the OAuth client id and secret, and keeps the refresh token', async () => {
    s = await setup();
    const c = await s.open();
    const before = await readToken(s.files.credentials);
    expect((await c.call('search_files', { text: 'plan' })).isError).toBeFalsy();
    s.fake.advance(); // every access token is now past its life at the fake
    const result = await c.call('search_files', { text: 'plan' });
    expect(c.textOf(result)).toContain('Plan 2026');
    const refreshes = s.fake.requests.filter((r) => r.path === '/token');
    expect(refreshes).toHaveLength(1);
    await c.close(); // waits for the refreshed token to be saved
    const after = await readToken(s.files.credentials);
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.refresh_token).toBe(before.refresh_token); // merged, not overwritten
    expect((await fs.stat(s.files.credentials)).mode & 0o777).toBe(0o600);
  });

  it('finds the token and OAuth client in the user config folder by default, never beside the install', async () => {
    s = await setup();
    const home = path.join(s.dir, 'bastion-mcp', 'gdrive'); // XDG_CONFIG_HOME is s.dir
    await fs.mkdir(home, { recursive: true });
    await fs.rename(s.files.credentials, path.join(home, 'credentials.json'));
    await fs.rename(s.files.oauth, path.join(home, 'gcp-oauth.keys.json'));
    const c = await s.open([], { env: { GDRIVE_CREDENTIALS_PATH: '', GDRIVE_OAUTH_PATH: '' } });
    s.fake.advance(); // the refresh needs the OAuth client file too
    expect((await c.call('list_shared_drives')).isError).toBeFalsy();
    await c.close();
    const saved = path.join(home, 'credentials.json');
    expect((await readToken(saved)).access_token).toBeTruthy();
    expect((await fs.stat(saved)).mode & 0o777).toBe(0o600);
    expect(s.fake.requests.filter((r) => r.path === '/token')).toHaveLength(1);
  });

  it("refreshes at the OAuth client file's token_uri, not Google's default", async () => {
    s = await setup();
    const file = s.fake.oauthClientFile();
    // Google's default token URL under --api-url would land on /token without this query.
    file.installed.token_uri = `${s.fake.url}token?from=client-file`;
    await fs.writeFile(s.files.oauth, JSON.stringify(file));
    const c = await s.open();
    s.fake.advance();
    expect((await c.call('list_shared_drives')).isError).toBeFalsy();
    const refreshes = s.fake.requests.filter((r) => r.path === '/token');
    expect(refreshes.map((r) => r.query.from)).toEqual(['client-file']);
  });

  it('refreshes before a request when the stored expiry has passed (an hour-old token keeps working)', async () => {
    s = await setup();
    const token = await readToken(s.files.credentials);
    await fs.writeFile(s.files.credentials, JSON.stringify({ ...token, expiry_date: Date.now() - 1000 }), {
      mode: 0o644,
    });
    const c = await s.open();
    expect((await c.call('list_shared_drives')).isError).toBeFalsy();
    expect(s.fake.requests[0]?.path).toBe('/token');
    await c.close();
    expect((await fs.stat(s.files.credentials)).mode & 0o777).toBe(0o600); // a world-readable file is tightened
  });

  it('a revoked token says to run the auth command, and never shows a token', async () => {
    s = await setup();
    const lines: string[] = [];
    const log = createLogger('gdrive', 'debug');
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      const c = await s.open([], { log });
      s.fake.revokeAll();
      s.fake.advance();
      const result = await c.call('read_file', { fileId: 'doc-plan' });
      const text = c.textOf(result);
      expect(result.isError).toBe(true);
      expect(text).toMatch(/^\[access_denied\] Google refused the stored sign-in \(invalid_grant/);
      expect(text).toContain('npx -y @bastion-mcp/server-gdrive auth');
      const token = await readToken(s.files.credentials);
      for (const secret of [token.access_token, token.refresh_token, s.fake.client.secret]) {
        expect(text).not.toContain(secret);
        expect(lines.join('')).not.toContain(secret);
      }
    } finally {
      process.stderr.write = original;
    }
  });

  it('without the OAuth client file an expired token names GDRIVE_OAUTH_PATH', async () => {
    s = await setup();
    await fs.rm(s.files.oauth);
    const c = await s.open();
    s.fake.advance();
    const text = c.textOf(await c.call('list_shared_drives'));
    expect(text).toMatch(/^\[access_denied\] /);
    expect(text).toMatch(/GDRIVE_OAUTH_PATH/);
  });

  it('a read-only sign-in asked to write names the scope and the command that fixes it', async () => {
    s = await setup();
    const c = await s.open(['--toolsets', 'all']);
    const text = c.textOf(await c.call('create_folder', { name: 'New', parentId: 'fld-projects' }));
    expect(text).toMatch(/^\[access_denied\] .*lacks the Google scope .*auth\/drive/);
    expect(text).toContain('npx -y @bastion-mcp/server-gdrive auth --toolsets write');
  });
});

describe('a service account', () => {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const saFile = async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'sa.json');
    await fs.writeFile(
      file,
      JSON.stringify({
        type: 'service_account',
        client_email: ROBOT,
        private_key: key.privateKey.export({ type: 'pkcs8', format: 'pem' }),
        token_uri: 'https://oauth2.googleapis.com/token',
      }),
    );
    return file;
  };
  const fakeOptions = {
    serviceAccount: {
      email: ROBOT,
      publicKey: key.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    },
  };

  it('signs a JWT the token endpoint verifies, and sees only what is shared with it', async () => {
    s = await setup({ fake: fakeOptions });
    const c = await s.open([], { env: { GOOGLE_APPLICATION_CREDENTIALS: await saFile() } });
    const text = c.textOf(await c.call('search_files', { text: 'plan' }));
    expect(text).toContain('Plan 2026'); // shared with the robot
    expect(text).not.toContain('Budget');
    expect(s.fake.requests[0]).toMatchObject({ method: 'POST', path: '/token' });
  });

  it("a key Google refuses names the service account's key, not the auth command", async () => {
    s = await setup({ fake: fakeOptions });
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const file = await saFile();
    const sa = JSON.parse(await fs.readFile(file, 'utf8'));
    sa.private_key = stranger.privateKey.export({ type: 'pkcs8', format: 'pem' });
    await fs.writeFile(file, JSON.stringify(sa));
    const c = await s.open([], { env: { GOOGLE_APPLICATION_CREDENTIALS: file } });
    const result = await c.call('search_files', { text: 'plan' });
    expect(result.isError).toBe(true);
    const text = c.textOf(result);
    expect(text).toMatch(/^\[access_denied\] Google refused the service account's key/);
    expect(text).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(text).not.toContain(' auth`');
  });

  it('acts as a user with --impersonate (domain-wide delegation)', async () => {
    s = await setup({ fake: fakeOptions });
    const c = await s.open(['--impersonate', 'me@example.com'], {
      env: { GOOGLE_APPLICATION_CREDENTIALS: await saFile() },
    });
    const text = c.textOf(await c.call('search_files', { type: 'spreadsheet' }));
    expect(text).toContain('Budget');
    expect(text).toContain('Oncall');
  });
});

describe('Application Default Credentials', () => {
  it('are used last, through the same --api-url', async () => {
    s = await setup();
    await fs.rm(s.files.credentials);
    const token = s.fake.userToken();
    const home = await tempDir();
    await fs.mkdir(path.join(home, '.config', 'gcloud'), { recursive: true });
    await fs.writeFile(
      path.join(home, '.config', 'gcloud', 'application_default_credentials.json'),
      JSON.stringify({
        type: 'authorized_user',
        client_id: s.fake.client.id,
        client_secret: s.fake.client.secret,
        refresh_token: token.refresh_token,
      }),
    );
    const saved = {
      HOME: process.env.HOME,
      GAC: process.env.GOOGLE_APPLICATION_CREDENTIALS,
      CLOUDSDK: process.env.CLOUDSDK_CONFIG,
    };
    process.env.HOME = home;
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    delete process.env.CLOUDSDK_CONFIG;
    try {
      const c = await s.open();
      const text = c.textOf(await c.call('search_files', { name: 'Budget' }));
      expect(text).toContain('id sheet-budget');
      expect(s.fake.requests[0]?.path).toBe('/token');
    } finally {
      process.env.HOME = saved.HOME;
      if (saved.GAC) process.env.GOOGLE_APPLICATION_CREDENTIALS = saved.GAC;
      if (saved.CLOUDSDK) process.env.CLOUDSDK_CONFIG = saved.CLOUDSDK;
    }
  });

  it('with no credentials at all, the answer says how to sign in', async () => {
    s = await setup();
    await fs.rm(s.files.credentials);
    const saved = { HOME: process.env.HOME, MSD: process.env.METADATA_SERVER_DETECTION };
    process.env.HOME = await tempDir();
    process.env.METADATA_SERVER_DETECTION = 'none'; // no metadata-server probe in a test
    try {
      const c = await s.open();
      const text = c.textOf(await c.call('list_shared_drives'));
      expect(text).toMatch(/^\[access_denied\] no Google credentials are configured/);
      expect(text).toContain('GOOGLE_APPLICATION_CREDENTIALS');
      expect(text).toContain('npx -y @bastion-mcp/server-gdrive auth');
    } finally {
      process.env.HOME = saved.HOME;
      if (saved.MSD === undefined) delete process.env.METADATA_SERVER_DETECTION;
      else process.env.METADATA_SERVER_DETECTION = saved.MSD;
    }
  });
});

void FULL;

describe('Google failing', () => {
  it('retries a transient 503 (bounded) and reports a persistent rate limit as upstream', async () => {
    s = await setup();
    const c = await s.open();
    s.fake.failNext('/drive/v3/files', 503, 1);
    expect(c.textOf(await c.call('search_files', { name: 'Budget' }))).toContain('id sheet-budget');
    s.fake.failNext('/drive/v3/files', 429, 1, '1'); // waits the second Retry-After asks, then succeeds
    expect(c.textOf(await c.call('search_files', { name: 'Budget' }))).toContain('id sheet-budget');
    s.fake.failNext('/drive/v3/drives', 429, 100);
    const text = c.textOf(await c.call('list_shared_drives'));
    expect(text).toMatch(/^\[upstream\] Google's rate limit was hit/);
    const tries = s.fake.requests.filter((r) => r.path === '/drive/v3/drives').length;
    expect(tries).toBeGreaterThan(1);
    expect(tries).toBeLessThanOrEqual(5);
  });

  it('an unreachable API is an upstream error, not a crash', async () => {
    s = await setup();
    const c = await s.open(['--api-url', 'http://127.0.0.1:1/']);
    const text = c.textOf(await c.call('list_shared_drives'));
    expect(text).toMatch(/^\[upstream\] Google Drive call failed/);
  });
});

describe('--impersonate', () => {
  it('without a service account key is refused, not silently ignored', async () => {
    s = await setup();
    const c = await s.open(['--impersonate', 'boss@example.com']);
    const text = c.textOf(await c.call('list_shared_drives'));
    expect(text).toMatch(/^\[access_denied\] --impersonate needs a service account key/);
    expect(s.fake.requests).toEqual([]);
  });
});

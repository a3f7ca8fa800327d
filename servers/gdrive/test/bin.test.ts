import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectUrl, packed, runBin, serveHttpBin, spawnBin, tempDir } from '@bastion-mcp/runtime/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { FULL, type Setup, setup } from './helpers.js';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(pkgDir, 'dist/index.js');

let s: Setup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

/** Runs `auth`, reads the sign-in URL from stderr, and hands it to `drive` (the "browser"). */
function runAuth(env: Record<string, string>, args: string[], drive: (url: string) => Promise<void>) {
  return new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'auth', ...args], {
      env: { ...process.env, ...env, CI: '1' },
    });
    let stderr = '';
    let stdout = '';
    let driven = false;
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
      const url = /^(http\S+\/o\/oauth2\/v2\/auth\S*)$/m.exec(stderr)?.[1];
      if (url && !driven && /Waiting for the redirect/.test(stderr)) {
        driven = true;
        drive(url).catch(reject);
      }
    });
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('the auth command', () => {
  it('signs in over a loopback redirect with state and PKCE, and stores the token 0600', async () => {
    s = await setup();
    await fs.rm(s.files.credentials);
    let wrongState = 0;
    const run = await runAuth(s.env, ['--toolsets', 'write'], async (url) => {
      const signIn = new URL(url);
      expect(signIn.searchParams.get('code_challenge_method')).toBe('S256');
      expect(signIn.searchParams.get('scope')).toBe(FULL);
      expect(signIn.searchParams.get('access_type')).toBe('offline');
      const redirect = new URL(signIn.searchParams.get('redirect_uri') ?? '');
      expect(redirect.hostname).toBe('127.0.0.1');
      // A forged callback (wrong state) is refused and the command keeps waiting.
      const forged = new URL(redirect);
      forged.searchParams.set('code', 'x');
      forged.searchParams.set('state', 'forged');
      wrongState = (await fetch(forged)).status;
      // The "browser": the fake consents and redirects back to the loopback.
      const consent = await fetch(url, { redirect: 'manual' });
      const back = consent.headers.get('location') ?? '';
      const done = await fetch(back);
      expect(await done.text()).toMatch(/Signed in/);
    });
    expect(wrongState).toBe(400);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Signed in\. The token is saved to/);
    expect(run.code).toBe(0);
    const token = JSON.parse(await fs.readFile(s.files.credentials, 'utf8'));
    expect(token.refresh_token).toMatch(/^1\/\/fake-refresh-/);
    expect((await fs.stat(s.files.credentials)).mode & 0o777).toBe(0o600);
    // ... and the server works with it, write scope included.
    const client = await spawnBin(bin, ['--api-url', s.fake.url, '--toolsets', 'all'], { env: s.env });
    const made = await client.call('create_folder', { name: 'From the bin', parentId: 'fld-projects' });
    expect(client.textOf(made)).toMatch(/Created folder "From the bin"/);
    await client.close();
  });

  it('explains a missing OAuth client file and exits 2', async () => {
    s = await setup();
    await fs.rm(s.files.oauth);
    const run = await runAuth(s.env, [], async () => {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no OAuth client file at .*oauth\.json\. Create a Desktop OAuth client/);
  });
});

describe('the published bin', () => {
  it('serves stdio from the build with nothing but JSON-RPC on stdout, and no token in stderr', async () => {
    s = await setup();
    const client = await spawnBin(bin, ['--api-url', s.fake.url, '--log-level', 'debug'], { env: s.env });
    const result = await client.call('read_file', { fileId: 'doc-plan' });
    expect(client.textOf(result)).toContain('Ship the **gdrive** server.');
    const token = JSON.parse(await fs.readFile(s.files.credentials, 'utf8'));
    expect(client.stderr()).not.toContain(token.access_token);
    await client.close();
  });

  it('lists the same tool schemas as the snapshots', async () => {
    const client = await spawnBin(bin, ['--toolsets', 'all'], {
      env: { GDRIVE_CREDENTIALS_PATH: '/nonexistent' },
    });
    const { tools } = await client.client.listTools();
    await client.close();
    for (const tool of tools.filter((t) => !t.description?.startsWith('Deprecated alias'))) {
      const snapshot = JSON.parse(
        await fs.readFile(path.join(pkgDir, 'test/__toolsnaps__', `${tool.name}.snap.json`), 'utf8'),
      );
      expect(tool).toEqual(snapshot);
    }
  });

  it('refuses plain http --api-url off loopback, exit 2', async () => {
    const run = await runBin(bin, ['--api-url', 'http://proxy.example/']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--api-url: must be https/);
  });

  it('serves --http', async () => {
    s = await setup();
    const server = await serveHttpBin(bin, [
      '--api-url',
      s.fake.url,
      '--credentials-path',
      s.files.credentials,
      '--oauth-path',
      s.files.oauth,
    ]);
    try {
      const client = await connectUrl(server.url);
      expect(client.textOf(await client.call('list_shared_drives'))).toMatch(/Engineering/);
      await client.close();
    } finally {
      server.stop();
    }
  });

  it("keeps the Google clients in a chunk loaded on first use, sharing the bundle's runtime", async () => {
    const dist = path.join(pkgDir, 'dist');
    const server = await fs.readFile(path.join(dist, 'server.cjs'), 'utf8');
    const google = await fs.readFile(path.join(dist, 'google.cjs'), 'utf8');
    expect(server).not.toContain('oauth2.googleapis.com');
    expect(google).toContain('oauth2.googleapis.com');
    // One runtime: a token the chunk registers as a secret is redacted by the bundle's logger.
    expect(google).not.toContain('is not one this server issued');
    expect(server).toContain('is not one this server issued');
  });

  it('runs from the packed tarball; its one dependency (unpdf) loads only for PDFs', async () => {
    s = await setup();
    const pkg = await packed(pkgDir);
    expect(pkg.manifest.dependencies).toEqual({ unpdf: '1.8.1' });
    // NODE_PATH empty: pnpm's (set for scripts) would find unpdf in the workspace store.
    const env = { ...s.env, NODE_PATH: '' };
    const out = await tempDir();
    const start = () =>
      spawnBin(pkg.bin('mcp-server-gdrive'), ['--api-url', s?.fake.url ?? '', '--output-dir', out], { env });
    const bare = await start();
    expect(bare.textOf(await bare.call('search_files', { name: 'Budget' }))).toContain('id sheet-budget');
    // A download (node-fetch, bundled; its never-needed streams polyfill is left out of the bundle).
    expect(bare.textOf(await bare.call('read_file', { fileId: 'img-poster' }))).toMatch(/was saved to/);
    expect((await fs.stat(path.join(out, 'img-poster-poster.png'))).size).toBeGreaterThan(3_000_000);
    expect(bare.textOf(await bare.call('read_file', { fileId: 'pdf-report' }))).toMatch(
      /^\[upstream\] .*needs the unpdf package/,
    );
    await bare.close();
    // As npm would install it: node_modules/unpdf beside the package.
    await fs.mkdir(path.join(pkg.dir, 'node_modules'));
    await fs.symlink(
      await fs.realpath(path.join(pkgDir, 'node_modules/unpdf')),
      path.join(pkg.dir, 'node_modules/unpdf'),
    );
    const installed = await start();
    expect(installed.textOf(await installed.call('read_file', { fileId: 'pdf-report' }))).toContain(
      'revenue up 12 percent',
    );
    await installed.close();
  });
});

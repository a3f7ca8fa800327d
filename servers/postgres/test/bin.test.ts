import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packed, runBin, spawnBin } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { urls } from './helpers.js';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(pkgDir, 'dist/index.js');
const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);
const withPassword = (url: string, password: string) => {
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.href;
};

const runToExit = (args: string[], env: Record<string, string> = {}) => runBin(bin, args, env);

describe('the published bin', () => {
  it('runs over stdio from the build as a read-only role, with nothing but JSON-RPC on stdout', async () => {
    const client = await spawnBin(bin, [urls().reader]);
    const result = await client.call('query', { sql: 'SELECT count(*)::int AS n FROM shop.customers' });
    expect(result.structuredContent).toMatchObject({ rows: [[20]] });
    expect(client.client.getInstructions()).not.toMatch(/WARNING/);
    expect(client.stderr()).toMatch(/as read-only role "bastion_\w+_reader"/);
    // One startup line says what it serves and where the connection settings came from.
    expect(client.stderr()).toMatch(
      /info: mcp-server-postgres \d+\.\d+\.\d+ on stdio: 5 tools; database bastion_\w+_reader@[\d.]+:\d+\/\w+ \(from the URL argument\)\n/,
    );
    await client.close();
  });

  it('says on stderr which connection it falls back to when given none', async () => {
    const env: Record<string, string> = { DATABASE_URL: '', USER: '' };
    for (const v of ['PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE', 'PGPASSWORD']) env[v] = '';
    // 127.0.0.1:1 is unreachable, so the start-up role check fails fast and the server still serves.
    const client = await spawnBin(bin, [], { env: { ...env, PGHOST: '127.0.0.1', PGPORT: '1' } });
    await client.close();
    expect(client.stderr()).toContain('database postgres@127.0.0.1:1/postgres (from PGHOST + PGPORT)');
    const none = await runToExit(['--help'], env);
    expect(none.stdout).toContain('changes nothing here, as every tool only reads');
  });

  it('runs from the packed tarball with no dependencies to install (the WASM parser included)', async () => {
    const pkg = await packed(pkgDir);
    expect(pkg.manifest.dependencies ?? {}).toEqual({});
    expect(fs.existsSync(path.join(pkg.dir, 'dist/libpg-query.wasm'))).toBe(true);
    const client = await spawnBin(pkg.bin('mcp-server-postgres'), [], {
      env: { DATABASE_URL: urls().reader },
    });
    const refused = await client.call('query', { sql: 'SELECT 1; DROP TABLE victim' });
    expect(client.textOf(refused)).toMatch(/stacked statements are not allowed/);
    await client.close();
  });

  it('warns loudly, on stderr and in its instructions, when the role can write', async () => {
    for (const [url, why] of [
      [urls().writer, /can write to tables \(public\.victim/],
      [urls().admin, /is a superuser/],
    ] as const) {
      const client = await spawnBin(bin, [url]);
      expect(client.client.getInstructions()).toMatch(/^WARNING: database role "\w+" is not read-only/);
      expect(client.client.getInstructions()).toMatch(why);
      expect(client.stderr()).toMatch(why);
      await client.close();
    }
  });

  it('--require-readonly-role refuses to start for a writer or a superuser, and starts for a reader', async () => {
    for (const url of [urls().writer, urls().admin]) {
      const run = await runToExit(['--require-readonly-role', url]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--require-readonly-role: refusing to start\. WARNING: database role/);
      expect(run.stdout).toBe('');
    }
    const client = await spawnBin(bin, ['--require-readonly-role', urls().reader]);
    expect((await client.call('list_schemas')).isError).toBeFalsy();
    await client.close();
  });
});

describe('password hygiene', () => {
  it('never shows the password when it is wrong: not on stderr, not in tool errors', async () => {
    const password = `${passwordOf(urls().reader)}-wrong`;
    const client = await spawnBin(bin, [withPassword(urls().reader, password)]);
    const result = await client.call('query', { sql: 'SELECT 1' });
    expect(client.textOf(result)).toMatch(
      /^\[access_denied\] the database refused the login of \w+@[\d.]+:\d+\/\w+ \(authentication\): password authentication failed/,
    );
    expect(client.textOf(result)).toMatch(/Fix: No call can fix this; .* correct the user name or password/);
    const everything = `${client.stderr()}${client.textOf(result)}${client.client.getInstructions()}`;
    expect(everything).not.toContain(password);
    expect(everything).not.toContain(encodeURIComponent(password));
    await client.close();
  });

  it('refuses to start without a reachable database under --require-readonly-role, without echoing the URL', async () => {
    const url = 'postgresql://someone:s3cret-pw@127.0.0.1:1/app';
    const run = await runToExit(['--require-readonly-role', url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/could not check the role of someone@127\.0\.0\.1:1\/app/);
    expect(run.stderr).not.toContain('s3cret-pw');
  });

  it('rejects a URL that is not postgresql:// without printing it', async () => {
    const run = await runToExit(['mysql://root:hunter2@db/app']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/must start with postgresql:\/\//);
    expect(run.stderr).not.toContain('hunter2');
  });

  it('keeps the password out of resource URIs and the role check output', async () => {
    const client = await spawnBin(bin, [urls().writer]);
    const { resources } = await client.client.listResources();
    const password = passwordOf(urls().writer);
    const text = JSON.stringify(resources) + client.stderr() + client.client.getInstructions();
    expect(resources.length).toBeGreaterThan(0);
    expect(text).not.toContain(password);
    expect(text).not.toContain(encodeURIComponent(password));
    expect(JSON.stringify(resources)).not.toContain('_writer');
    await client.close();
  });
});

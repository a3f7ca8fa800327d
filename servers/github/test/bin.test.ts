import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectUrl, packed, runBin, serveHttpBin, spawnBin } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeed, type Fake, startFake, TOKENS } from './fake/index.mjs';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(pkgDir, 'dist/index.js');

const runToExit = (args: string[], env: Record<string, string> = {}) => runBin(bin, args, env);

describe('the published bin', () => {
  let fake: Fake;
  beforeAll(async () => {
    fake = await startFake(defaultSeed());
  });
  afterAll(() => fake.close());

  it('serves stdio against --host, probing scopes only after initialize, the token never shown', async () => {
    const client = await spawnBin(bin, ['--host', fake.origin, '--repos', 'acme/*'], {
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKENS.alice, GITHUB_LOG_LEVEL: 'debug' },
    });
    const { tools } = await client.client.listTools();
    expect(tools.length).toBe(40);
    // The only request so far is the background scope probe, sent after initialize.
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v3/user']);
    const me = await client.call('get_me');
    expect(client.textOf(me)).toMatch(/^alice/);
    const refused = await client.call('push_files', {
      owner: 'evil',
      repo: 'loot',
      branch: 'main',
      message: 'x',
      files: [{ path: 'a', content: 'b' }],
    });
    expect(client.textOf(refused)).toMatch(/evil\/loot is outside/);
    expect(client.client.getInstructions()).toMatch(/Only these repositories can be used: acme\/\*/);
    await client.close();
    expect(client.stderr()).not.toContain(TOKENS.alice);
  });

  it('reads GITHUB_TOKEN too, and GITHUB_HOST / GITHUB_REPOS as env twins', async () => {
    const client = await spawnBin(bin, [], {
      env: { GITHUB_TOKEN: TOKENS.alice, GITHUB_HOST: fake.origin, GITHUB_REPOS: 'acme/api' },
    });
    const ok = await client.call('list_issues', { owner: 'acme', repo: 'api' });
    expect(ok.isError).toBeFalsy();
    const refused = await client.call('list_issues', { owner: 'acme', repo: 'web' });
    expect(client.textOf(refused)).toMatch(/acme\/web is outside/);
    await client.close();
  });

  it('refuses plain http to a non-loopback host and bad --repos entries at start, exit 2', async () => {
    const http = await runToExit(['--host', 'http://ghe.example.com']);
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/--host: http:\/\/ghe\.example\.com must use https/);
    const repos = await runToExit(['--repos', 'acme']);
    expect(repos.code).toBe(2);
    expect(repos.stderr).toMatch(/--repos: "acme" is not owner\/name or owner\/\*/);
    expect(http.stdout + repos.stdout).toBe('');
  });

  it('serves Streamable HTTP on 127.0.0.1 while --host names GitHub, for both protocol eras', async () => {
    process.env.GITHUB_PERSONAL_ACCESS_TOKEN = TOKENS.alice;
    const served = await serveHttpBin(bin, ['--host', fake.origin, '--repos', 'acme/api']);
    try {
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      for (const era of ['legacy', 'modern'] as const) {
        const client = await connectUrl(served.url, { era });
        const { tools } = await client.client.listTools();
        expect(tools).toHaveLength(40);
        const issue = await client.call('issue_read', { owner: 'acme', repo: 'api', issue_number: 1 });
        expect(client.textOf(issue)).toMatch(/^#1 Crash on start/);
        await client.close();
      }
    } finally {
      served.stop();
      delete process.env.GITHUB_PERSONAL_ACCESS_TOKEN;
    }
  });

  it('runs from the packed tarball with no dependencies to install', async () => {
    const pkg = await packed(pkgDir);
    expect(pkg.manifest.dependencies ?? {}).toEqual({});
    const client = await spawnBin(pkg.bin('mcp-server-github'), ['--host', fake.origin], {
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKENS.alice },
    });
    const result = await client.call('get_file_contents', { owner: 'acme', repo: 'api', path: 'README.md' });
    expect(result.content.some((b) => b.type === 'resource')).toBe(true);
    await client.close();
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectUrl, packed, serveHttpBin, spawnBin, tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the published bin', () => {
  it('runs over stdio from the build', async () => {
    const dir = await tempDir();
    const client = await spawnBin(path.join(pkgDir, 'dist/index.js'), [dir]);
    expect(client.textOf(await client.call('greet', { name: 'bin' }))).toBe('Hello, bin!');
    await client.close();
  });

  it('lists the same tool schemas as the snapshots (the bundle embeds them, computed at build time)', async () => {
    const client = await spawnBin(path.join(pkgDir, 'dist/index.js'), [await tempDir()]);
    const { tools } = await client.client.listTools();
    await client.close();
    for (const tool of tools) {
      const snapshot = JSON.parse(
        await fs.readFile(path.join(pkgDir, 'test/__toolsnaps__', `${tool.name}.snap.json`), 'utf8'),
      );
      expect(tool).toEqual(snapshot);
    }
    expect(tools.map((t) => t.name).sort()).toEqual(['greet', 'save_note']);
  });

  it('keeps a compile cache in a private folder and ignores one others could have written', async () => {
    const home = await tempDir();
    const bin = path.join(pkgDir, 'dist/index.js');
    const run = (env: Record<string, string>) =>
      execFileSync(process.execPath, [bin, '--version'], {
        env: { ...process.env, XDG_CACHE_HOME: home, ...env },
      });
    run({ BASTION_NO_COMPILE_CACHE: '1' });
    await expect(fs.readdir(path.join(home, 'bastion-mcp'))).rejects.toThrow();
    run({});
    const dir = path.join(home, 'bastion-mcp');
    const [name] = await fs.readdir(dir);
    const cache = path.join(dir, name as string);
    expect((await fs.stat(dir)).mode & 0o777).toBe(0o700);
    expect((await fs.stat(cache)).mode & 0o777).toBe(0o600);
    const first = (await fs.stat(cache)).mtimeMs;
    run({});
    expect((await fs.stat(cache)).mtimeMs).toBe(first); // trusted and accepted: not rewritten
    await fs.chmod(dir, 0o777);
    run({});
    expect((await fs.stat(cache)).mtimeMs).not.toBe(first); // not trusted: compiled afresh and replaced
  });

  it('starts and serves stdio without the lazily loaded chunks (validator, HTTP adapter)', async () => {
    const copy = await tempDir();
    for (const file of ['index.js', 'server.cjs'])
      await fs.copyFile(path.join(pkgDir, 'dist', file), path.join(copy, file));
    const client = await spawnBin(path.join(copy, 'index.js'), [copy]);
    expect(client.textOf(await client.call('greet', { name: 'lean' }))).toBe('Hello, lean!');
    await client.close();
  });

  it('loads the HTTP adapter chunk for --http', async () => {
    const server = await serveHttpBin(path.join(pkgDir, 'dist/index.js'), [pkgDir]);
    try {
      const client = await connectUrl(server.url);
      expect(client.textOf(await client.call('greet', { name: 'http' }))).toBe('Hello, http!');
      await client.close();
    } finally {
      server.stop();
    }
  });

  it('loads the JSON Schema validator chunk on use', () => {
    const { DefaultJsonSchemaValidator } = createRequire(import.meta.url)(
      path.join(pkgDir, 'dist/json-schema-validator.cjs'),
    ) as {
      DefaultJsonSchemaValidator: new () => { getValidator(s: object): (v: unknown) => { valid: boolean } };
    };
    const check = new DefaultJsonSchemaValidator().getValidator({
      type: 'object',
      properties: { email: { type: 'string', format: 'email' } },
      required: ['email'],
    });
    expect(check({ email: 'a@example.org' }).valid).toBe(true);
    expect(check({ email: 'not an address' }).valid).toBe(false);
    expect(check({}).valid).toBe(false);
  });

  it('runs from the packed tarball with no dependencies to install', async () => {
    const pkg = await packed(pkgDir);
    const out = path.dirname(pkg.dir);
    expect(pkg.manifest.dependencies ?? {}).toEqual({});
    const bin = pkg.bin('mcp-server-template');
    expect((await fs.readFile(bin, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
    const client = await spawnBin(bin, [out]);
    expect(client.textOf(await client.call('greet', { name: 'tarball' }))).toBe('Hello, tarball!');
    await client.close();
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnBin, tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the published bin', () => {
  it('runs over stdio from the build', async () => {
    const dir = await tempDir();
    const client = await spawnBin(path.join(pkgDir, 'dist/index.js'), [dir]);
    expect(client.textOf(await client.call('list_allowed_directories'))).toBe(`Allowed directories:\n${dir}`);
    await client.close();
  });

  it('runs from the packed tarball with no dependencies to install', async () => {
    const out = await tempDir();
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: pkgDir, stdio: 'pipe' });
    const tarball = (await fs.readdir(out)).find((f) => f.endsWith('.tgz')) as string;
    execFileSync('tar', ['-xzf', path.join(out, tarball), '-C', out]);
    const manifest = JSON.parse(await fs.readFile(path.join(out, 'package/package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    const bin = path.join(out, 'package', manifest.bin['mcp-server-filesystem']);
    expect((await fs.readFile(bin, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
    const client = await spawnBin(bin, [out]);
    expect(client.textOf(await client.call('list_allowed_directories'))).toBe(`Allowed directories:\n${out}`);
    await client.close();
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packed, spawnBin, tempDir } from '@bastion-mcp/runtime/testing';
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
    const pkg = await packed(pkgDir);
    const out = path.dirname(pkg.dir);
    expect(pkg.manifest.dependencies ?? {}).toEqual({});
    const bin = pkg.bin('mcp-server-filesystem');
    expect((await fs.readFile(bin, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
    const client = await spawnBin(bin, [out]);
    expect(client.textOf(await client.call('list_allowed_directories'))).toBe(`Allowed directories:\n${out}`);
    await client.close();
  });
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packed, spawnBin } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { makeRepo } from './helpers.js';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the published bin', () => {
  it('runs over stdio from the build', async () => {
    const repo = await makeRepo();
    const client = await spawnBin(path.join(pkgDir, 'dist/index.js'), [repo]);
    expect((await client.call('git_status')).structuredContent).toMatchObject({
      branch: 'main',
      untracked: [],
    });
    await client.close();
  });

  it('runs from the packed tarball with no dependencies to install', async () => {
    const pkg = await packed(pkgDir);
    const _out = path.dirname(pkg.dir);
    expect(pkg.manifest.dependencies ?? {}).toEqual({});
    const repo = await makeRepo();
    const client = await spawnBin(pkg.bin('mcp-server-git'), [repo]);
    expect((await client.call('git_status')).structuredContent).toMatchObject({ branch: 'main' });
    await client.close();
  });
});

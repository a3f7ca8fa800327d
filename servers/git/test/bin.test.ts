import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnBin, tempDir } from '@bastion-mcp/runtime/testing';
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
    const out = await tempDir();
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: pkgDir, stdio: 'pipe' });
    const tarball = (await fs.readdir(out)).find((f) => f.endsWith('.tgz')) as string;
    execFileSync('tar', ['-xzf', path.join(out, tarball), '-C', out]);
    const manifest = JSON.parse(await fs.readFile(path.join(out, 'package/package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    const repo = await makeRepo();
    const client = await spawnBin(path.join(out, 'package', manifest.bin['mcp-server-git']), [repo]);
    expect((await client.call('git_status')).structuredContent).toMatchObject({ branch: 'main' });
    await client.close();
  });
});

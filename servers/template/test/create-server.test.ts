import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.resolve(pkgDir, '../../scripts/create-server.mjs');

describe('pnpm create-server', () => {
  it('copies the template into a new package that builds and passes its tests', async () => {
    // Mirror the repo layout (servers/<name> beside tsconfig.base.json) in a temp dir.
    const repo = await tempDir();
    for (const shared of ['tsconfig.base.json', 'pnpm-workspace.yaml', 'shared', 'scripts']) {
      await fs.symlink(path.resolve(pkgDir, '../..', shared), path.join(repo, shared));
    }
    const into = path.join(repo, 'servers');
    execFileSync(process.execPath, [script, 'acme-notes', '--into', into], { stdio: 'pipe' });
    const created = path.join(into, 'acme-notes');
    const manifest = JSON.parse(await fs.readFile(path.join(created, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('@bastion-mcp/server-acme-notes');
    expect(manifest.bin).toEqual({ 'mcp-server-acme-notes': 'dist/index.js' });
    expect(await fs.readFile(path.join(created, 'src/server.ts'), 'utf8')).toContain("name: 'acme-notes'");
    // The fork's README names its own env twins (the bin's --help says ACME_NOTES_GREETING).
    const readme = await fs.readFile(path.join(created, 'README.md'), 'utf8');
    expect(readme).toContain('ACME_NOTES_GREETING');
    expect(readme).not.toMatch(/TEMPLATE_|server-template/);
    // Same dependencies as the template, so its installed node_modules serve the copy.
    await fs.symlink(path.join(pkgDir, 'node_modules'), path.join(created, 'node_modules'));
    const run = (bin: string, args: string[]) =>
      execFileSync(path.join(created, 'node_modules/.bin', bin), args, {
        cwd: created,
        stdio: 'pipe',
        env: { ...process.env, CI: '' },
      }).toString();
    run('bastion-bundle', []);
    run('tsc', ['--noEmit']);
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'); // terminal colours
    const out = run('vitest', ['run']).replace(ansi, '');
    expect(out).toMatch(/Tests\s+\d+ passed/);
    expect(out).not.toMatch(/failed/);
    // A bundle, a typecheck and a nested test run: on 2 busy cores this takes over a minute.
  }, 240_000);

  it('refuses a bad or taken name with exit 2', async () => {
    for (const bad of ['Bad_Name', 'template']) {
      let status = 0;
      try {
        execFileSync(process.execPath, [script, bad, '--into', await tempDir()], { stdio: 'pipe' });
      } catch (error) {
        status = (error as { status: number }).status;
      }
      expect(status).toBe(2);
    }
  });
});

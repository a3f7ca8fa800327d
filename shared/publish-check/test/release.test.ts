import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../src/servers.js';

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

it('releases with changesets and npm provenance, set up with the README line', () => {
  const workflow = read('.github/workflows/release.yml');
  expect(workflow).toContain('uses: changesets/action@');
  expect(workflow).toMatch(/^ {2}id-token: write$/m); // provenance needs the OIDC token
  expect(workflow).toContain('NPM_CONFIG_PROVENANCE: true');
  expect(workflow).toContain('version: pnpm version-packages');
  const setup = /^(npm install -g pnpm@\S+ && pnpm install)\s+#.*one-time setup/m.exec(
    read('README.md'),
  )?.[1];
  expect(setup).toBeTruthy();
  expect(workflow).toContain(`- run: ${setup}`);
  const config = JSON.parse(read('.changeset/config.json'));
  expect(config).toMatchObject({ access: 'public', privatePackages: { version: false, tag: false } });
  const scripts = JSON.parse(read('package.json')).scripts;
  expect(scripts['version-packages']).toContain('node scripts/sync-server-json.mjs');
});

it('ships the LICENSE with the runtime too', () => {
  expect(read('shared/runtime/LICENSE')).toBe(read('LICENSE'));
});

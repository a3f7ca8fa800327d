import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from './fixtures.js';

export interface Packed {
  /** The extracted package folder. */
  dir: string;
  manifest: { bin: Record<string, string>; dependencies?: Record<string, string> };
  /** Absolute path of a bin from the manifest. */
  bin(name: string): string;
}

/** Packs a package with `pnpm pack` (as it would be published) and extracts the tarball. */
export async function packed(pkgDir: string): Promise<Packed> {
  const out = await tempDir();
  execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: pkgDir, stdio: 'pipe' });
  const tarball = (await fs.readdir(out)).find((f) => f.endsWith('.tgz')) as string;
  execFileSync('tar', ['-xzf', path.join(out, tarball), '-C', out]);
  const dir = path.join(out, 'package');
  const manifest = JSON.parse(
    await fs.readFile(path.join(dir, 'package.json'), 'utf8'),
  ) as Packed['manifest'];
  return { dir, manifest, bin: (name) => path.join(dir, manifest.bin[name] as string) };
}

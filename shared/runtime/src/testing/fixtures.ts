import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

const leftover = new Set<string>();
let exitHooked = false;

/**
 * A fresh temp directory (its real path, so symlinked /tmp setups compare equal). Made inside a
 * test, it is removed when that test finishes; made elsewhere (beforeAll, module scope), when the
 * test process exits. `files` maps relative paths to contents; folders are created as needed.
 */
export async function tempDir(files: Record<string, string> = {}, prefix = 'bastion-'): Promise<string> {
  const dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
  try {
    onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  } catch {
    // Not inside a test: fall back to removing it when the worker exits.
    leftover.add(dir);
    if (!exitHooked) {
      exitHooked = true;
      process.once('exit', () => {
        for (const d of leftover) rmSync(d, { recursive: true, force: true });
      });
    }
  }
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content);
  }
  return dir;
}

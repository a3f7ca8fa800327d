import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];
let hooked = false;

/**
 * A fresh temp directory (its real path, so symlinked /tmp setups compare equal), removed when the
 * test file finishes. `files` maps relative paths to contents; folders are created as needed.
 */
export async function tempDir(files: Record<string, string> = {}, prefix = 'bastion-'): Promise<string> {
  if (!hooked) {
    hooked = true;
    afterAll(async () => {
      await Promise.all(created.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
    });
  }
  const dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content);
  }
  return dir;
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fsError } from './fs-errors.js';

export interface AtomicWriteOptions {
  /** Mode for a new file; an existing regular file keeps its own mode bits. */
  mode?: number;
  /** Refuse if the target exists (checked again at rename time via link()). */
  exclusive?: boolean;
  /** Called after the temp file is complete and before it replaces the target. */
  beforeCommit?: () => Promise<void>;
}

/**
 * Writes `data` to a temp file in the target's folder, then renames it over the target, so a crash
 * never leaves half a file and a symlink planted at the target is replaced, never followed.
 */
export async function atomicWrite(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  // File-system failures (a folder at the target, a name too long) become errors the model can act on.
  await writeThenRename(target, data, options).catch((error: unknown) => {
    throw fsError(error, target);
  });
}

async function writeThenRename(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions,
): Promise<void> {
  const keepMode = await existingMode(target);
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  // 'wx' = O_CREAT|O_EXCL: never opens through a symlink someone planted at the temp name.
  const handle = await fs.open(temp, 'wx', options.mode ?? 0o666);
  try {
    await handle.writeFile(data);
    if (keepMode !== undefined) await handle.chmod(keepMode);
    await handle.sync();
  } catch (error) {
    // A full disk mid-write must not leave a half-written temp file beside the target.
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await options.beforeCommit?.();
    if (options.exclusive) {
      // link() fails with EEXIST if the target appeared meanwhile: no silent overwrite.
      await fs.link(temp, target);
      await fs.unlink(temp);
    } else {
      await fs.rename(temp, target);
    }
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

async function existingMode(target: string): Promise<number | undefined> {
  try {
    const stat = await fs.lstat(target);
    return stat.isFile() ? stat.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

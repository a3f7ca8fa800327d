import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { drive_v3 } from '@googleapis/drive';
import type { Google } from './google.js';

/**
 * Streams a file's bytes (never held whole in memory) through node-fetch, whose Node streams keep a
 * 30 MB download's RSS growth near 35 MB where Node's own fetch measured 40-60 (bench/run.mjs).
 * It is bundled and evaluated on the first download only.
 */
async function downloadStream(
  g: Google,
  fileId: string,
  signal: AbortSignal,
): Promise<NodeJS.ReadableStream> {
  const { default: nodeFetch } = await import('node-fetch');
  const res = await g.drive.files.get(
    { fileId, alt: 'media', supportsAllDrives: true },
    { responseType: 'stream', signal, fetchImplementation: nodeFetch as unknown as typeof fetch },
  );
  return res.data as unknown as NodeJS.ReadableStream;
}

/** A file name safe in any folder: no separators, no NUL, no leading dots, bounded length. */
export function safeFileName(id: string, name: string | null | undefined): string {
  const cleaned = [...(name ?? 'file')]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '/\\:*?"<>|'.includes(ch) ? '_' : ch))
    .join('');
  const base = cleaned.replace(/^\.+/, '_').slice(0, 150);
  return `${id}-${base || 'file'}`;
}

/**
 * Streams a Drive file into `dir` (never whole in memory): a private temp file created with O_EXCL,
 * renamed into place when complete, so a failed download leaves nothing behind.
 */
export async function downloadTo(
  g: Google,
  dir: string,
  file: drive_v3.Schema$File,
  signal: AbortSignal,
): Promise<{ path: string; bytes: number }> {
  const target = path.join(dir, safeFileName(file.id as string, file.name));
  const temp = path.join(dir, `.${randomBytes(6).toString('hex')}.gdrive-download.tmp`);
  const body = await downloadStream(g, file.id as string, signal);
  try {
    await pipeline(body, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }), { signal });
    await fs.promises.rename(temp, target);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  return { path: target, bytes: (await fs.promises.stat(target)).size };
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ToolError } from '@bastion-mcp/runtime';
import type { drive_v3 } from '@googleapis/drive';
import { GOOGLE_HOSTS } from './api-url.js';
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

const COLLECT_EVERY = 4 * 1024 * 1024;
let minorGc: ((options: { type: 'minor' }) => void) | undefined;

/**
 * Passes the chunks through, asking V8 for a young-generation GC every few MB. Spent chunks live
 * outside the JS heap, so a long stream alone never triggers the GC that frees them, and a 30 MB
 * download grew RSS by ~40 MB; a minor GC costs well under a millisecond. `gc` is reached through
 * a fresh context after exposing it, the documented flag being a start-up option.
 */
async function* collectingSpentChunks(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  if (!minorGc) {
    v8.setFlagsFromString('--expose-gc');
    minorGc = vm.runInNewContext('gc') as typeof minorGc;
    // Back as it was: V8's flag hash keys the bin's code cache, which a changed flag would spoil.
    v8.setFlagsFromString('--no-expose-gc');
  }
  let sinceGc = 0;
  for await (const chunk of source) {
    yield chunk;
    sinceGc += chunk.length;
    if (sinceGc >= COLLECT_EVERY) {
      sinceGc = 0;
      minorGc?.({ type: 'minor' });
    }
  }
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
  const body = await downloadStream(g, file.id as string, signal);
  return saveStream(dir, safeFileName(file.id as string, file.name), body, signal);
}

/**
 * Streams a Google file's export into `dir` through its export link, which has no 10 MB cap. The
 * link comes from Drive; the token goes with it only to a Google host (rebased under --api-url).
 */
export async function exportTo(
  g: Google,
  dir: string,
  file: drive_v3.Schema$File,
  as: { mime: string; ext: string },
  signal: AbortSignal,
): Promise<{ path: string; bytes: number }> {
  const id = file.id as string;
  const meta = await g.drive.files.get(
    { fileId: id, fields: 'exportLinks', supportsAllDrives: true },
    { signal },
  );
  const link = meta.data.exportLinks?.[as.mime];
  const url = new URL(link ?? 'about:blank');
  if (url.protocol !== 'https:' || !GOOGLE_HOSTS.test(url.hostname))
    throw new ToolError('upstream', `Google offers no ${as.mime} export link for file ${id}.`);
  const { default: nodeFetch } = await import('node-fetch');
  const res = await g.auth.request<NodeJS.ReadableStream>({
    url: url.href,
    responseType: 'stream',
    signal,
    fetchImplementation: nodeFetch as unknown as typeof fetch,
  });
  return saveStream(dir, `${safeFileName(id, file.name)}${as.ext}`, res.data, signal);
}

async function saveStream(
  dir: string,
  name: string,
  body: NodeJS.ReadableStream,
  signal: AbortSignal,
): Promise<{ path: string; bytes: number }> {
  const target = path.join(dir, name);
  const temp = path.join(dir, `.${randomBytes(6).toString('hex')}.gdrive-download.tmp`);
  try {
    const out = fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 });
    await pipeline(body as AsyncIterable<Buffer>, collectingSpentChunks, out, { signal });
    await fs.promises.rename(temp, target);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  return { path: target, bytes: (await fs.promises.stat(target)).size };
}

import fs from 'node:fs/promises';
import path from 'node:path';
import { accessDenied, atomicWrite } from '@bastion-mcp/runtime';

/** A file name the page or the model cannot turn into a path: no separators, no dots in front. */
export function sanitizeName(name: string, extension: string): string {
  const base =
    path
      .basename(name)
      .replace(/[^\w.-]+/g, '_')
      .replace(/^\.+/, '')
      .slice(0, 120) || 'file';
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
}

/** Writes into --output-dir (refused without one), never overwriting: a clash gets a numbered name. */
export async function saveFile(
  outputDir: string | undefined,
  name: string,
  extension: string,
  data: Buffer,
): Promise<string> {
  if (!outputDir)
    throw accessDenied(
      'No output directory is configured, so nothing can be saved.',
      'Start the server with --output-dir <dir>, or omit filename to get the image inline.',
    );
  const clean = sanitizeName(name, extension);
  const stem = clean.slice(0, -(extension.length + 1));
  for (let i = 0; i < 1000; i++) {
    const file = path.join(outputDir, i ? `${stem}-${i}.${extension}` : clean);
    const exists = await fs.stat(file).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    await atomicWrite(file, data, { exclusive: true });
    return file;
  }
  throw accessDenied('Too many files with that name in the output directory.', 'Pick another filename.');
}

/** Moves a finished download (saved by Chromium under its GUID) to its sanitised suggested name. */
export async function saveDownload(
  outputDir: string,
  guid: string,
  suggested: string,
): Promise<string | undefined> {
  const from = path.join(outputDir, path.basename(guid));
  const extension = path.extname(suggested).slice(1).replace(/[^\w]/g, '') || 'bin';
  const stem = path.basename(suggested, path.extname(suggested));
  for (let i = 0; i < 1000; i++) {
    const name = sanitizeName(i ? `${stem}-${i}` : stem, extension);
    const to = path.join(outputDir, name);
    try {
      await fs.link(from, to); // fails if the name is taken: never overwrites
      await fs.unlink(from);
      return to;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }
  }
  return undefined;
}

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  fsError,
  invalidInput,
  type ListedResource,
  type ResourceSpec,
  tooLarge,
} from '@bastion-mcp/runtime';
import { mimeTypeOf } from '../lib/mime.js';
import type { FsState } from '../tool.js';

const LISTED_PER_ROOT = 100;

/** Files under the allowed directories as `file://` resources, readable and subscribable. */
export const fileResource: ResourceSpec<FsState> = {
  name: 'file',
  title: 'A file in an allowed directory',
  description:
    'Any file under the allowed directories, by its file:// URI. Subscribe to hear when it changes.',
  template: 'file://{+path}',
  async list(ctx) {
    const out: ListedResource[] = [];
    for (const root of ctx.sandbox.roots) {
      const entries = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
      for (const entry of entries.filter((e) => e.isFile()).slice(0, LISTED_PER_ROOT)) {
        const file = path.join(root, entry.name);
        if (ctx.sandbox.allows(file))
          out.push({
            uri: pathToFileURL(file).href,
            name: entry.name,
            mimeType: mimeTypeOf(file, 'text/plain'),
          });
      }
    }
    return { resources: out };
  },
  async read(uri, _variables, ctx) {
    const { path: file } = await ctx.sandbox.resolve(filePath(uri));
    const stat = await fs.stat(file).catch((error: unknown) => {
      throw fsError(error, file);
    });
    if (!stat.isFile())
      throw invalidInput(`${file} is not a file.`, 'Read a file URI; list directories with list_directory.');
    if (stat.size > ctx.state.maxFileSize)
      throw tooLarge(`${file} is ${stat.size} bytes, over this server's limit.`);
    const data = await fs.readFile(file);
    const href = pathToFileURL(file).href;
    if (data.subarray(0, 8192).includes(0))
      return [{ uri: href, mimeType: mimeTypeOf(file), blob: data.toString('base64') }];
    return [{ uri: href, mimeType: mimeTypeOf(file, 'text/plain'), text: data.toString('utf8') }];
  },
  async watch(uri, ctx, onChange) {
    const { path: file } = await ctx.sandbox.resolve(filePath(uri));
    // chokidar is only needed once someone subscribes.
    const { watch } = await import('chokidar');
    const watcher = watch(file, { ignoreInitial: true, atomic: true });
    watcher.on('all', () => onChange());
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    return () => watcher.close();
  },
};

function filePath(uri: URL): string {
  if (uri.protocol !== 'file:')
    throw invalidInput(`${uri.href} is not a file:// URI.`, 'Use file:///absolute/path.');
  return fileURLToPath(uri);
}

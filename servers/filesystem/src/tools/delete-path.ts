import fs from 'node:fs/promises';
import {
  accessDenied,
  conflict,
  fsError,
  MAX_PATH_CHARS,
  notFound,
  structured,
  z,
} from '@bastion-mcp/runtime';
import { firstDenied } from '../lib/entries.js';
import { tool } from '../tool.js';

export const deletePath = tool({
  name: 'delete_path',
  title: 'Delete a file or folder',
  description:
    'Delete a file, a symlink (the link itself) or a folder. A non-empty folder needs recursive: true. Off unless the "delete" toolset is enabled.',
  kind: 'destructive',
  toolset: 'delete',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('What to delete: absolute, or relative to the first allowed directory'),
    recursive: z.boolean().default(false).describe('Delete a non-empty folder with everything in it'),
  }),
  output: z.object({
    path: z.string().describe('The real path deleted'),
    type: z.string().describe('file, directory or symlink'),
  }),
  async handle(input, ctx) {
    const target = await ctx.sandbox.resolveEntry(input.path);
    if (!target.exists) throw notFound(`${target.path} does not exist.`, 'Check the path.');
    if (target.path === target.root)
      throw accessDenied(`${target.path} is an allowed directory itself.`, 'Delete something inside it.');
    const stat = await fs.lstat(target.path);
    const type = stat.isSymbolicLink() ? 'symlink' : stat.isDirectory() ? 'directory' : 'file';
    try {
      if (type !== 'directory') await fs.unlink(target.path);
      else if (!input.recursive) await fs.rmdir(target.path);
      else {
        const hidden = await firstDenied(target.path, ctx.sandbox);
        if (hidden)
          throw accessDenied(
            `${target.path} contains ${hidden}, which is on the deny list.`,
            'Delete the other entries one by one.',
          );
        await fs.rm(target.path, { recursive: true });
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOTEMPTY') {
        throw conflict(
          `${target.path} is not empty.`,
          'Pass recursive: true to delete it with its contents.',
        );
      }
      throw fsError(error, target.path);
    }
    return structured({ path: target.path, type }, `Deleted ${type} ${target.path}`);
  },
});

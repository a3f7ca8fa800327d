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

export const moveFile = tool({
  name: 'move_file',
  title: 'Move or rename',
  description:
    'Move or rename a file or directory. Refuses to overwrite: the destination must not exist. A symlink is moved itself, not its target.',
  kind: 'destructive',
  input: z.object({
    source: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('What to move: absolute, or relative to the first allowed directory'),
    destination: z.string().max(MAX_PATH_CHARS).describe('The new path, which must not exist yet'),
  }),
  output: z.object({
    source: z.string().describe('Real source path'),
    destination: z.string().describe('Real destination path'),
  }),
  async handle(input, ctx) {
    const source = await ctx.sandbox.resolveEntry(input.source);
    const destination = await ctx.sandbox.resolveEntry(input.destination);
    if (!source.exists) throw notFound(`${source.path} does not exist.`, 'Check the source path.');
    if (source.path === source.root)
      throw accessDenied(`${source.path} is an allowed directory itself.`, 'Move something inside it.');
    if (destination.exists) {
      throw conflict(
        `${destination.path} already exists.`,
        'Choose a destination that does not exist, or remove it first.',
      );
    }
    try {
      const stat = await fs.lstat(source.path);
      if (stat.isDirectory()) {
        const hidden = await firstDenied(source.path, ctx.sandbox);
        if (hidden) {
          throw accessDenied(
            `${source.path} contains ${hidden}, which is on the deny list; moving the folder would expose it under a new name.`,
            'Move the other entries one by one.',
          );
        }
        await fs.rename(source.path, destination.path);
      } else {
        // link() fails if the destination appeared meanwhile, so a file is never overwritten.
        await fs.link(source.path, destination.path);
        await fs.unlink(source.path);
      }
    } catch (error) {
      throw fsError(error, destination.path);
    }
    return structured(
      { source: source.path, destination: destination.path },
      `Moved ${source.path} to ${destination.path}`,
    );
  },
});

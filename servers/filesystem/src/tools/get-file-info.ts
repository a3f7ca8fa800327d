import fs from 'node:fs/promises';
import { fsError, MAX_PATH_CHARS, structured, z } from '@bastion-mcp/runtime';
import { tool } from '../tool.js';

export const getFileInfo = tool({
  name: 'get_file_info',
  title: 'Get file info',
  description: 'Size, times, type and permissions of a file or directory.',
  kind: 'read',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('Path: absolute, or relative to the first allowed directory'),
  }),
  output: z.object({
    path: z.string().describe('The real path'),
    type: z.enum(['file', 'directory', 'other']).describe('What it is'),
    size: z.number().describe('Bytes'),
    created: z.string().describe('Birth time, ISO 8601'),
    modified: z.string().describe('Last modification, ISO 8601'),
    accessed: z.string().describe('Last access, ISO 8601'),
    permissions: z.string().describe('Octal mode bits, e.g. 644'),
  }),
  async handle(input, ctx) {
    const { path: target } = await ctx.sandbox.resolve(input.path);
    const stat = await fs.stat(target).catch((error: unknown) => {
      throw fsError(error, target);
    });
    const info = {
      path: target,
      type: stat.isFile()
        ? ('file' as const)
        : stat.isDirectory()
          ? ('directory' as const)
          : ('other' as const),
      size: stat.size,
      created: stat.birthtime.toISOString(),
      modified: stat.mtime.toISOString(),
      accessed: stat.atime.toISOString(),
      permissions: (stat.mode & 0o777).toString(8),
    };
    const text = Object.entries(info)
      .map(([key, value]) => `${key}: ${value}`)
      .join('\n');
    return structured(info, text);
  },
});

import fs from 'node:fs/promises';
import { conflict, fsError, MAX_PATH_CHARS, structured, z } from '@bastion-mcp/runtime';
import { tool } from '../tool.js';

export const createDirectory = tool({
  name: 'create_directory',
  title: 'Create a directory',
  description: 'Create a directory, and any missing parents. Succeeds quietly if it already exists.',
  kind: 'write',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('Directory to create: absolute, or relative to the first allowed directory'),
  }),
  output: z.object({
    path: z.string().describe('The real path'),
    created: z.boolean().describe('False if it already existed'),
  }),
  async handle(input, ctx) {
    const target = await ctx.sandbox.resolve(input.path);
    if (target.exists) {
      const stat = await fs.stat(target.path);
      if (!stat.isDirectory())
        throw conflict(`${target.path} exists and is not a directory.`, 'Choose another path.');
      return structured({ path: target.path, created: false }, `${target.path} already exists.`);
    }
    await fs.mkdir(target.path, { recursive: true }).catch((error: unknown) => {
      throw fsError(error, target.path);
    });
    // A folder swapped for a symlink mid-call could have redirected mkdir: check where it landed.
    await ctx.sandbox.assertStillInside(target.path);
    return structured({ path: target.path, created: true }, `Created ${target.path}`);
  },
});

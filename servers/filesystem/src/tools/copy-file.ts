import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import {
  atomicWrite,
  conflict,
  fsError,
  invalidInput,
  MAX_PATH_CHARS,
  notFound,
  structured,
  tooLarge,
  z,
} from '@bastion-mcp/runtime';
import { tool } from '../tool.js';

export const copyFile = tool({
  name: 'copy_file',
  title: 'Copy a file',
  description:
    'Copy a file to a new path. Refuses to overwrite unless overwrite is true. Copies files, not folders.',
  kind: 'write',
  input: z.object({
    source: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('File to copy: absolute, or relative to the first allowed directory'),
    destination: z.string().max(MAX_PATH_CHARS).describe('Where the copy goes'),
    overwrite: z.boolean().default(false).describe('Replace the destination if it exists'),
  }),
  output: z.object({
    source: z.string().describe('Real source path'),
    destination: z.string().describe('Real destination path'),
    bytes: z.number().describe('Bytes copied'),
  }),
  async handle(input, ctx) {
    const source = await ctx.sandbox.resolve(input.source);
    const destination = await ctx.sandbox.resolve(input.destination);
    if (!source.exists) throw notFound(`${source.path} does not exist.`, 'Check the source path.');
    const stat = await fs.stat(source.path);
    if (!stat.isFile()) throw invalidInput(`${source.path} is not a file.`, 'copy_file copies single files.');
    if (destination.exists && !input.overwrite) {
      throw conflict(
        `${destination.path} already exists.`,
        'Pass overwrite: true to replace it, or choose another destination.',
      );
    }
    try {
      if (input.overwrite) {
        if (stat.size > ctx.state.maxFileSize) {
          throw tooLarge(
            `${source.path} is ${stat.size} bytes, over the ${ctx.state.maxFileSize}-byte limit for an overwrite.`,
          );
        }
        // Through a temp file, so the destination is replaced whole and a planted link is not followed.
        await atomicWrite(destination.path, await fs.readFile(source.path), {
          beforeCommit: () => ctx.sandbox.assertStillInside(destination.path),
        });
      } else {
        await fs.copyFile(source.path, destination.path, constants.COPYFILE_EXCL);
      }
    } catch (error) {
      throw fsError(error, destination.path);
    }
    return structured(
      { source: source.path, destination: destination.path, bytes: stat.size },
      `Copied ${source.path} to ${destination.path} (${stat.size} bytes)`,
    );
  },
});

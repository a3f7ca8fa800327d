import fs from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite, conflict, structured, z } from '@bastion-mcp/runtime';
import { tool } from '../tool.js';

export const saveNote = tool({
  name: 'save_note',
  title: 'Save a note',
  description:
    'Write a UTF-8 text note to a file inside the allowed directories. Refuses to overwrite unless overwrite is true.',
  kind: 'write',
  input: z.object({
    path: z.string().describe('File path: absolute, or relative to the first allowed directory'),
    text: z.string().max(100_000).describe('The note text'),
    overwrite: z.boolean().default(false).describe('Replace the file if it exists'),
  }),
  output: z.object({
    path: z.string().describe('Where the note was written'),
    bytes: z.number().describe('Size'),
  }),
  async handle(input, ctx) {
    const target = await ctx.sandbox.resolve(input.path);
    if (target.exists && !input.overwrite) {
      throw conflict(
        `${target.path} already exists.`,
        'Pass overwrite: true to replace it, or choose another path.',
      );
    }
    await fs.mkdir(path.dirname(target.path), { recursive: true });
    await atomicWrite(target.path, input.text, {
      exclusive: !input.overwrite,
      beforeCommit: () => ctx.sandbox.assertStillInside(target.path),
    });
    const bytes = Buffer.byteLength(input.text);
    return structured({ path: target.path, bytes }, `Saved ${bytes} bytes to ${target.path}`);
  },
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite, fsError, invalidInput, MAX_PATH_CHARS, structured, z } from '@bastion-mcp/runtime';
import { tool } from '../tool.js';

export const writeFile = tool({
  name: 'write_file',
  title: 'Write a file',
  description:
    'Create a file or replace its whole content with UTF-8 text. Missing parent folders are created. The write is atomic; an existing file keeps its permissions.',
  kind: 'destructive',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('File path: absolute, or relative to the first allowed directory'),
    content: z.string().describe('The complete new content'),
  }),
  output: z.object({
    path: z.string().describe('The real path written'),
    bytes: z.number().describe('Bytes written'),
    created: z.boolean().describe('True if the file did not exist before'),
  }),
  async handle(input, ctx) {
    // resolveEntry: a symlink at the path is replaced by the new file, never written through
    // (one leading outside or to a denied file is refused).
    const target = await ctx.sandbox.resolveEntry(input.path);
    if (target.exists && (await fs.stat(target.path)).isDirectory()) {
      throw invalidInput(`${target.path} is a directory.`, 'Pass a file path inside it instead.');
    }
    try {
      await fs.mkdir(path.dirname(target.path), { recursive: true });
      await atomicWrite(target.path, input.content, {
        beforeCommit: () => ctx.sandbox.assertStillInside(target.path),
      });
    } catch (error) {
      throw fsError(error, target.path);
    }
    const bytes = Buffer.byteLength(input.content);
    const verb = target.exists ? 'Replaced' : 'Created';
    return structured(
      { path: target.path, bytes, created: !target.exists },
      `${verb} ${target.path} (${bytes} bytes)`,
    );
  },
});

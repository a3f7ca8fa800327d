import { fsError, MAX_PATH_CHARS, structured, z } from '@bastion-mcp/runtime';
import { LABEL, readEntries } from '../lib/entries.js';
import { tool } from '../tool.js';

const entrySchema = z.object({
  name: z.string().describe('Entry name'),
  type: z
    .enum(['file', 'directory', 'symlink', 'other'])
    .describe('symlink = a link leading outside the allowed directories'),
});

export const listDirectory = tool({
  name: 'list_directory',
  title: 'List a directory',
  description:
    'List the files and folders directly inside a directory, one per line with [FILE] or [DIR] ([LINK] for a symlink leading outside the allowed directories).',
  kind: 'read',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('Directory path: absolute, or relative to the first allowed directory'),
  }),
  output: z.object({
    path: z.string().describe('The real path listed'),
    entries: z.array(entrySchema).describe('Entries, by name'),
  }),
  async handle(input, ctx) {
    const { path: dir } = await ctx.sandbox.resolve(input.path);
    const entries = await readEntries(dir, ctx.sandbox).catch((error: unknown) => {
      throw fsError(error, dir);
    });
    const lines = entries.map((e) => `${LABEL[e.type]} ${e.name}`);
    return structured({ path: dir, entries }, lines.join('\n') || '(empty directory)', {
      rest: 'List a subfolder, or use search_files with a pattern to narrow.',
    });
  },
});

import { fsError, MAX_PATH_CHARS, structured, z } from '@bastion-mcp/runtime';
import { formatSize, LABEL, readEntries } from '../lib/entries.js';
import { tool } from '../tool.js';

export const listDirectoryWithSizes = tool({
  name: 'list_directory_with_sizes',
  title: 'List a directory with sizes',
  description: 'List a directory with each file size, sorted by name or size, and totals at the end.',
  kind: 'read',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('Directory path: absolute, or relative to the first allowed directory'),
    sortBy: z
      .enum(['name', 'size'])
      .default('name')
      .describe('Sort entries by name or by size (largest first)'),
  }),
  output: z.object({
    path: z.string().describe('The real path listed'),
    entries: z
      .array(
        z.object({
          name: z.string().describe('Entry name'),
          type: z.string().describe('file, directory, symlink or other'),
          size: z.number().optional().describe('Bytes (files only)'),
        }),
      )
      .describe('Entries in the requested order'),
    files: z.number().describe('Number of files'),
    directories: z.number().describe('Number of directories'),
    totalSize: z.number().describe('Combined size of the files, in bytes'),
  }),
  async handle(input, ctx) {
    const { path: dir } = await ctx.sandbox.resolve(input.path);
    const entries = await readEntries(dir, ctx.sandbox, true).catch((error: unknown) => {
      throw fsError(error, dir);
    });
    if (input.sortBy === 'size') entries.sort((a, b) => (b.size ?? 0) - (a.size ?? 0));
    const files = entries.filter((e) => e.type === 'file');
    const directories = entries.filter((e) => e.type === 'directory').length;
    const totalSize = files.reduce((n, e) => n + (e.size ?? 0), 0);
    const width = Math.max(0, ...entries.map((e) => e.name.length));
    const lines = entries.map((e) => {
      const size = e.type === 'file' ? formatSize(e.size ?? 0).padStart(10) : '';
      return `${LABEL[e.type].padEnd(6)} ${e.name.padEnd(width)} ${size}`.trimEnd();
    });
    lines.push(
      '',
      `Total: ${files.length} files, ${directories} directories`,
      `Combined size: ${formatSize(totalSize)}`,
    );
    return structured({ path: dir, entries, files: files.length, directories, totalSize }, lines.join('\n'));
  },
});

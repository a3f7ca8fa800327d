import { invalidInput, MAX_PATH_CHARS, structured, tooLarge, z } from '@bastion-mcp/runtime';
import { type Lines, readLines, tailLines } from '../lib/lines.js';
import { openText } from '../lib/text-file.js';
import { tool } from '../tool.js';

const count = z.number().int().min(0);

const input = z.object({
  path: z
    .string()
    .max(MAX_PATH_CHARS)
    .describe('File path: absolute, or relative to the first allowed directory'),
  head: count.optional().describe('Return only the first N lines'),
  tail: count.optional().describe('Return only the last N lines'),
  offset: z.number().int().min(1).optional().describe('First line to return, 1-based (default 1)'),
  limit: count.optional().describe('How many lines to return from offset (default: to the end of the file)'),
});

type Mode = { tail: number } | { first: number; count: number; whole: boolean };

export const readTextFile = tool({
  name: 'read_text_file',
  title: 'Read a text file',
  description:
    'Read a UTF-8 text file, whole or in part: head (first N lines), tail (last N lines), or offset and limit ' +
    '(a 1-based line range, for reading a long file in parts). Lines keep their line endings. A whole-file ' +
    'read refuses files over the size limit; ranges work on files of any size. Binary files are refused (use read_media_file).',
  kind: 'read',
  aliases: ['read_file'],
  // The reference server still lists read_file (as deprecated), so we do too.
  listAliases: true,
  input,
  output: z.object({
    path: z.string().describe('The real path read'),
    lineCount: z.number().describe('Lines returned (the lines themselves are the text content)'),
    startLine: z
      .number()
      .optional()
      .describe('1-based number of the first line (absent for a tail not counted)'),
    endLine: z.number().optional().describe('Number of the last line (startLine - 1 when none came back)'),
    totalLines: z.number().optional().describe('Lines in the file, when the read reached its end anyway'),
    truncated: z.boolean().optional().describe('True when the file has lines before or after those returned'),
  }),
  async handle(args, ctx) {
    const mode = modeOf(args);
    const { path: file } = await ctx.sandbox.resolve(args.path);
    const { handle, size } = await openText(file);
    try {
      const maxBytes = ctx.state.maxFileSize;
      if ('whole' in mode && mode.whole && size > maxBytes)
        throw tooLarge(
          `${file} is ${size} bytes; a whole-file read loads at most ${maxBytes}.`,
          'Read part of it: head or tail (N lines), or offset and limit (a line range).',
        );
      const lines =
        'tail' in mode
          ? await tailLines(handle, { size, count: mode.tail, maxBytes })
          : await readLines(handle, { size, first: mode.first, count: mode.count, maxBytes });
      return result(file, lines, size);
    } finally {
      await handle.close();
    }
  },
});

/** Cross-field rules: one of head, tail, or offset/limit. */
function modeOf({ head, tail, offset, limit }: z.output<typeof input>): Mode {
  if (head !== undefined && tail !== undefined)
    throw invalidInput(
      'head and tail cannot be combined.',
      'Pass head (the first N lines) or tail (the last N lines), not both; for lines in the middle use offset and limit.',
    );
  const ranged = [offset !== undefined && 'offset', limit !== undefined && 'limit'].filter(Boolean);
  const end = head !== undefined ? 'head' : tail !== undefined ? 'tail' : undefined;
  if (end && ranged.length)
    throw invalidInput(
      `${end} cannot be combined with ${ranged.join(' and ')}.`,
      `Pass either ${end} or offset/limit; offset=K with limit=N returns N lines starting at line K.`,
    );
  if (tail !== undefined) return { tail };
  if (head !== undefined) return { first: 1, count: head, whole: false };
  return { first: offset ?? 1, count: limit ?? Number.POSITIVE_INFINITY, whole: !ranged.length };
}

function result(file: string, lines: Lines, size: number) {
  const known = lines.first !== undefined;
  const data = {
    path: file,
    lineCount: lines.count,
    ...(known ? { startLine: lines.first, endLine: (lines.first ?? 1) + lines.count - 1 } : {}),
    ...(lines.totalLines === undefined ? {} : { totalLines: lines.totalLines }),
    ...(lines.start > 0 || lines.end < size ? { truncated: true } : {}),
  };
  const rest = known
    ? `Read on with offset=${lines.first} plus the number of lines shown above (the cut falls at the end of a line), and a limit.`
    : 'Ask for fewer lines (a smaller tail), or read the file in parts with offset and limit.';
  return structured(data, lines.count > 0 ? lines.text : emptyNote(file, lines), { rest });
}

/** An empty text block says nothing; say why no lines came back. */
function emptyNote(file: string, lines: Lines): string {
  if (lines.totalLines === 0) return `[${file} is empty]`;
  if (lines.totalLines !== undefined && (lines.first ?? 1) > lines.totalLines)
    return `[no lines: line ${lines.first} is past the end of ${file}, which has ${lines.totalLines} lines]`;
  return '[no lines: 0 were asked for]';
}

import { isToolError, MAX_PATH_CHARS, structured, type ToolContext, tooLarge, z } from '@bastion-mcp/runtime';
import { readLines } from '../lib/lines.js';
import { openText } from '../lib/text-file.js';
import { type FsState, tool } from '../tool.js';

const fileResult = z.object({
  path: z.string().describe('The path as given'),
  bytes: z.number().optional().describe('Size of the file read (its content is in the text, under its path)'),
  error: z
    .object({
      kind: z.string().describe('Error code: not_found, access_denied, invalid_input, too_large, internal'),
      message: z.string().describe('What was wrong'),
      fix: z.string().describe('How to change the call'),
    })
    .optional()
    .describe('Why this file could not be read'),
});
type FileResult = z.output<typeof fileResult>;

export const readMultipleFiles = tool({
  name: 'read_multiple_files',
  title: 'Read several text files',
  description:
    'Read up to 100 UTF-8 text files whole in one call, each under its path. A file that cannot be read ' +
    '(missing, denied, binary, too large) gets its own error and does not stop the others.',
  kind: 'read',
  input: z.object({
    paths: z
      .array(
        z
          .string()
          .max(MAX_PATH_CHARS)
          .describe('A file path: absolute, or relative to the first allowed directory'),
      )
      .min(1)
      .max(100)
      .describe('Files to read, in the order to return them'),
  }),
  output: z.object({ files: z.array(fileResult).describe('One entry per path, in order') }),
  async handle(input, ctx) {
    // One after another, under one byte allowance for the whole call (maxFileSize), so memory
    // stays bounded however many paths come and which files fit does not depend on timing.
    let allowance = ctx.state.maxFileSize;
    const files: FileResult[] = [];
    // Contents go in the text only: the response budget cuts text, never structuredContent.
    const texts = new Map<number, string>();
    for (const requested of input.paths) {
      try {
        const { text, bytes } = await readWhole(requested, allowance, ctx);
        allowance -= bytes;
        files.push({ path: requested, bytes });
        texts.set(files.length - 1, text);
      } catch (error) {
        files.push({ path: requested, error: describe(error, ctx) });
      }
    }
    const body = files
      .map((f, i) =>
        f.error ? `${f.path}: Error - [${f.error.kind}] ${f.error.message}` : `${f.path}:\n${texts.get(i)}`,
      )
      .join('\n---\n');
    const result = structured({ files }, body, {
      rest: 'Read the files that were cut off with read_text_file (offset and limit for long ones), or pass fewer paths.',
    });
    // Partial failures are data, reported per file. Only when every file failed did the call
    // achieve nothing, and then it is an error so the model changes it rather than reads on.
    return files.every((f) => f.error) ? { ...result, isError: true } : result;
  },
});

async function readWhole(requested: string, allowance: number, ctx: ToolContext<FsState>) {
  const { path: file } = await ctx.sandbox.resolve(requested);
  const { handle, size } = await openText(file);
  try {
    const max = ctx.state.maxFileSize;
    if (size > max)
      throw tooLarge(
        `${file} is ${size} bytes; a whole-file read loads at most ${max}.`,
        'Read it with read_text_file and head, tail, or offset and limit.',
      );
    if (size > allowance)
      throw tooLarge(
        `${file} (${size} bytes) would take this call past its ${max}-byte total.`,
        'Read it in a separate call.',
      );
    const lines = await readLines(handle, {
      size,
      first: 1,
      count: Number.POSITIVE_INFINITY,
      maxBytes: allowance,
    });
    return { text: lines.text, bytes: lines.end };
  } finally {
    await handle.close();
  }
}

function describe(error: unknown, ctx: ToolContext<FsState>): NonNullable<FileResult['error']> {
  if (isToolError(error)) return { kind: error.kind, message: error.message, fix: error.fix };
  ctx.log.error('read_multiple_files: unexpected failure', error);
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return { kind: 'internal', message: first.slice(0, 200), fix: 'Retry, or read the file on its own.' };
}

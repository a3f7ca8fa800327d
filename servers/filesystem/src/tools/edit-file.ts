import fs from 'node:fs/promises';
import path from 'node:path';
import {
  atomicWrite,
  fsError,
  invalidInput,
  MAX_PATH_CHARS,
  notFound,
  structured,
  tooLarge,
  z,
} from '@bastion-mcp/runtime';
import { applyEdits } from '../lib/apply-edits.js';
import { unifiedDiff } from '../lib/diff.js';
import { tool } from '../tool.js';

/** structuredContent is not cut by the response budget, so the diff in it is bounded here. */
const MAX_STRUCTURED_DIFF = 100_000;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const editFile = tool({
  name: 'edit_file',
  title: 'Edit a file',
  description:
    'Replace text in an existing UTF-8 file and return a git-style diff. Each oldText must match exactly one place ' +
    '(or pass replaceAll); if it matches nowhere, a match ignoring indentation is used when it is unique. Edits apply ' +
    'in order, and all must apply or nothing is written. Line endings, the final newline and permissions are kept.',
  kind: 'destructive',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('File path: absolute, or relative to the first allowed directory'),
    edits: z
      .array(
        z.object({
          oldText: z
            .string()
            .describe('Text to search for; must match exactly, in one place unless replaceAll'),
          newText: z.string().describe('Text to replace it with'),
          replaceAll: z
            .boolean()
            .optional()
            .describe('Replace every exact occurrence (at least one must exist)'),
        }),
      )
      .min(1)
      .describe('Edits applied in order; each one sees the result of those before it'),
    dryRun: z.boolean().default(false).describe('Preview the diff without writing anything'),
  }),
  output: z.object({
    path: z.string().describe('The real path edited'),
    diff: z.string().describe("Unified diff of the change ('' when the edits change nothing)"),
    diffTruncated: z.boolean().optional().describe('True when diff was cut to bound the response'),
    applied: z.boolean().describe('True if the file was written (false for dryRun or no change)'),
    editsApplied: z.number().describe('How many edits applied (all of them, or the call fails)'),
  }),
  async handle(input, ctx) {
    const target = await ctx.sandbox.resolve(input.path);
    const real = target.path;
    if (!target.exists) {
      throw notFound(
        `${real} does not exist.`,
        'Check the path; edit_file changes existing files (use write_file to create one).',
      );
    }
    const content = await readText(real, ctx.state.maxFileSize);
    const edited = applyEdits(content, input.edits);
    const changed = edited !== content;
    const shown = path.relative(target.root, real).split(path.sep).join('/');
    const diff = unifiedDiff(lf(content), lf(edited), shown);
    if (changed && !input.dryRun) {
      try {
        await atomicWrite(real, edited, { beforeCommit: () => ctx.sandbox.assertStillInside(real) });
      } catch (error) {
        throw fsError(error, real);
      }
    }
    const cut = diff.length > MAX_STRUCTURED_DIFF;
    const data = {
      path: real,
      diff: cut ? diff.slice(0, diff.lastIndexOf('\n', MAX_STRUCTURED_DIFF) + 1) : diff,
      ...(cut ? { diffTruncated: true } : {}),
      applied: changed && !input.dryRun,
      editsApplied: input.edits.length,
    };
    const n = `${input.edits.length} edit${input.edits.length === 1 ? '' : 's'}`;
    const status = !changed
      ? `No change: after ${n}, ${real} is as it was; nothing was written.`
      : input.dryRun
        ? `Dry run: the ${n} would change ${real} as below; nothing was written.`
        : `Applied ${n} to ${real}.`;
    return structured(data, changed ? `${status}\n\n${fenced(diff)}` : status, {
      rest: 'Read the file (or a range of it) to see the rest of the result.',
    });
  },
});

async function readText(real: string, maxFileSize: number): Promise<string> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(real);
    if (stat.isDirectory())
      throw invalidInput(`${real} is a directory.`, 'Pass the path of a file inside it.');
    if (!stat.isFile())
      throw invalidInput(`${real} is not a regular file.`, 'edit_file edits regular text files only.');
    if (stat.size > maxFileSize) throw overLimit(real, stat.size, maxFileSize);
    bytes = await fs.readFile(real);
  } catch (error) {
    throw fsError(error, real);
  }
  if (bytes.length > maxFileSize) throw overLimit(real, bytes.length, maxFileSize);
  if (bytes.includes(0)) {
    throw invalidInput(`${real} looks binary (it contains NUL bytes).`, 'edit_file edits text files only.');
  }
  try {
    return utf8.decode(bytes);
  } catch {
    // Decoding lossily and writing back would corrupt every byte that is not UTF-8.
    throw invalidInput(
      `${real} is not valid UTF-8 text.`,
      'edit_file edits UTF-8 text files only; use write_file to replace it whole.',
    );
  }
}

const overLimit = (real: string, size: number, max: number) =>
  tooLarge(
    `${real} is ${size} bytes, over this server's ${max}-byte limit for editing a whole file.`,
    'Edit a smaller file, or ask the operator to raise --max-file-size.',
  );

const lf = (s: string) => s.replace(/\r\n/g, '\n');

/** A fence longer than any run of backticks in the diff, so the diff cannot close it early. */
function fenced(diff: string): string {
  const longest = (diff.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 2);
  const fence = '`'.repeat(longest + 1);
  return `${fence}diff\n${diff}${fence}`;
}

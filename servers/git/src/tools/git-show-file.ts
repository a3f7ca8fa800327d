import { invalidInput, MAX_PATH_CHARS, notFound, structured, tooLarge, z } from '@bastion-mcp/runtime';
import { gitMessage } from '../lib/changes.js';
import { repoPathField } from '../lib/fields.js';
import { gitCall } from '../lib/git.js';
import { revision } from '../lib/refs.js';
import { openRepo, repoPaths } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitShowFile = tool({
  name: 'git_show_file',
  title: 'A file at a revision',
  description:
    "A file's content as it was at a revision (default HEAD), whole or a 1-based line range. Binary files are described, not shown.",
  kind: 'read',
  input: z.object({
    repo_path: repoPathField,
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .min(1)
      .describe('The file, relative to the repository (or absolute inside it)'),
    revision: z
      .string()
      .default('HEAD')
      .describe('A branch, tag or commit, e.g. main, v1.0, HEAD~3 (default HEAD)'),
    start_line: z.number().int().min(1).optional().describe('First line to show (1-based, default 1)'),
    end_line: z.number().int().min(1).optional().describe('Last line to show (inclusive, default the last)'),
  }),
  output: z.object({
    revision: z.string().describe('The revision as given'),
    path: z.string().describe('The path relative to the repository'),
    bytes: z.number().describe('Size of the file at that revision'),
    lines: z.number().describe('Lines in the whole file (0 for binary files)'),
    binary: z.boolean().describe('True when the file is binary (its content is not shown)'),
    start_line: z.number().optional().describe('First line shown'),
    end_line: z.number().optional().describe('Last line shown'),
  }),
  async handle(input, ctx) {
    const repo = await openRepo(ctx, input.repo_path);
    const rev = revision(input.revision, 'revision');
    const [rel = '.'] = await repoPaths(ctx, repo, [input.path]);
    if (rel === '.')
      throw invalidInput('path names the repository itself.', 'Pass the path of a file in it.');
    if (input.end_line !== undefined && input.end_line < (input.start_line ?? 1))
      throw invalidInput('end_line is before start_line.', 'Pass end_line >= start_line.');
    // ls-tree matches its paths literally and gives the entry's type and size in one call.
    const listing = await gitCall(repo.dir, repo.call, (git) =>
      git.raw(['ls-tree', '-z', '--long', '--end-of-options', rev, '--', rel]),
    ).catch((error) => {
      if (!/not a valid object name|not a tree object|bad revision/i.test((error as Error).message))
        throw error;
      throw notFound(
        `revision "${rev}" names no commit in this repository (${gitMessage(error)}).`,
        'Pass an existing branch, tag or commit (git_log lists commits).',
      );
    });
    const entry = /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t/.exec(listing);
    if (!entry)
      throw notFound(
        `${rel} does not exist at ${rev}.`,
        'Check the path (git_log with paths shows when it existed).',
      );
    const [, , type, oid, size] = entry as unknown as [string, string, string, string, string];
    if (type === 'tree')
      throw invalidInput(`${rel} is a directory at ${rev}.`, 'Pass the path of a file inside it.');
    if (type !== 'blob')
      throw invalidInput(`${rel} is a submodule at ${rev} (commit ${oid}).`, 'Pass a file path.');
    const bytes = Number(size);
    if (bytes > repo.call.state.maxOutputBytes)
      throw tooLarge(
        `${rel} at ${rev} is ${bytes} bytes, more than this server reads.`,
        'Read it from the working tree instead.',
      );
    const content = await gitCall(repo.dir, repo.call, (git) => git.binaryCatFile(['blob', oid]));
    const text = decode(content as Buffer);
    const base = { revision: input.revision, path: rel, bytes };
    if (text === undefined) {
      return structured(
        { ...base, lines: 0, binary: true },
        `${rel} at ${rev} is a binary file (${bytes} bytes); its content is not shown.`,
      );
    }
    const all = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    const start = input.start_line ?? 1;
    if (start > Math.max(all.length, 1))
      throw invalidInput(
        `start_line ${start} is past the end: ${rel} has ${all.length} line${all.length === 1 ? '' : 's'} at ${rev}.`,
        `Pass start_line between 1 and ${all.length}.`,
      );
    const end = Math.min(input.end_line ?? all.length, all.length);
    const data = {
      ...base,
      lines: all.length,
      binary: false,
      ...(all.length ? { start_line: start, end_line: end } : {}),
    };
    return structured(data, all.slice(start - 1, end).join(''), {
      rest: `Read it in parts with start_line and end_line (it has ${all.length} lines).`,
    });
  },
});

/** UTF-8 text, or undefined for binary content (a NUL in the first 8000 bytes, as git decides, or invalid UTF-8). */
function decode(content: Buffer): string | undefined {
  if (content.subarray(0, 8000).includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return undefined;
  }
}

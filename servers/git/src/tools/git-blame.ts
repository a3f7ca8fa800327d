import { invalidInput, MAX_PATH_CHARS, notFound, structured, z } from '@bastion-mcp/runtime';
import { parseBlamePorcelain } from '../lib/blame-porcelain.js';
import { resolveCommit } from '../lib/branching.js';
import { gitMessage } from '../lib/changes.js';
import { repoPathField } from '../lib/fields.js';
import { gitCall } from '../lib/git.js';
import { revision } from '../lib/refs.js';
import { openRepo, repoPaths } from '../lib/repo.js';
import { tool } from '../tool.js';

/** The most lines one call blames (and puts in structuredContent). */
const MAX_LINES = 2000;
const NOT_COMMITTED = /^0+$/;

export const gitBlame = tool({
  name: 'git_blame',
  title: 'Who last changed each line',
  description: `For each line of a file, the commit, author and date that last changed it. At most ${MAX_LINES} lines per call: use start_line and end_line for longer files.`,
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
      .optional()
      .describe(
        'Blame the file as of this commit; omitted, the working tree file (uncommitted lines included)',
      ),
    start_line: z.number().int().min(1).optional().describe('First line (1-based, default 1)'),
    end_line: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(`Last line (inclusive; default start_line + ${MAX_LINES - 1})`),
  }),
  output: z.object({
    path: z.string().describe('The path relative to the repository'),
    revision: z.string().nullable().describe('The commit blamed, or null for the working tree'),
    lines: z
      .array(
        z.object({
          line: z.number().describe('Line number'),
          hash: z.string().describe('Commit that last changed the line (all zeros: not committed yet)'),
          author: z.string().describe('Its author'),
          date: z.string().describe('Its author date, ISO 8601'),
          text: z.string().describe('The line'),
        }),
      )
      .describe('The lines blamed'),
    more: z.boolean().describe('True when the file goes on past the last line returned'),
  }),
  async handle(input, ctx) {
    const repo = await openRepo(ctx, input.repo_path);
    const [rel = '.'] = await repoPaths(ctx, repo, [input.path]);
    if (rel === '.')
      throw invalidInput('path names the repository itself.', 'Pass the path of a file in it.');
    const start = input.start_line ?? 1;
    if (input.end_line !== undefined && input.end_line < start)
      throw invalidInput('end_line is before start_line.', 'Pass end_line >= start_line.');
    const end = Math.min(input.end_line ?? Number.POSITIVE_INFINITY, start + MAX_LINES - 1);
    const capped = input.end_line === undefined || input.end_line > end;
    // blame in git 2.39 does not take --end-of-options: the revision goes in as a resolved hash.
    const hash =
      input.revision === undefined
        ? undefined
        : await resolveCommit(repo, revision(input.revision, 'revision'), 'revision');
    // One line past the end tells whether more follow; git clamps a range end past the file's end.
    const range = `${start},${capped ? end + 1 : end}`;
    const raw = await gitCall(repo.dir, repo.call, (git) =>
      git.raw(['blame', '--porcelain', '--no-textconv', '-L', range, ...(hash ? [hash] : []), '--', rel]),
    ).catch((error) => refine(error, rel, start));
    const parsed = parseBlamePorcelain(raw).lines;
    const more = capped && parsed.length > end - start + 1;
    const lines = parsed.slice(0, end - start + 1);
    const width = String(lines.at(-1)?.line ?? 1).length;
    const text = lines.map((l) => {
      const who = NOT_COMMITTED.test(l.hash)
        ? 'uncommitted'
        : `${l.hash.slice(0, 8)} ${l.date.slice(0, 10)} ${l.author}`;
      return `${who} ${String(l.line).padStart(width)}| ${l.text}`;
    });
    if (lines.length === 0) text.push(`${rel} is empty.`);
    // At the top, so a cut by the response budget cannot hide it.
    if (more) text.unshift(`Lines ${start}-${end} of ${rel}; more follow: pass start_line: ${end + 1}.`);
    return structured({ path: rel, revision: hash ?? null, lines, more }, text.join('\n'), {
      rest: 'Pass a narrower start_line/end_line range; structuredContent has every line returned.',
    });
  },
});

/** An empty file blames as no lines (''); other failures become errors naming the field. */
function refine(error: unknown, rel: string, start: number): string {
  const message = gitMessage(error);
  const lines = /has only (\d+) lines?/.exec(message);
  if (lines) {
    if (lines[1] === '0') return '';
    throw invalidInput(
      `start_line ${start} is past the end: ${rel} has ${lines[1]} lines.`,
      `Pass start_line between 1 and ${lines[1]}.`,
    );
  }
  if (/no such path|no such ref|cannot stat path|does not exist/i.test(message))
    throw notFound(
      `${rel} does not exist there (${message}).`,
      'Check the path (git_log with paths shows when it existed).',
    );
  throw error;
}

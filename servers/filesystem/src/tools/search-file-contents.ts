import { MAX_PATH_CHARS, structured, z } from '@bastion-mcp/runtime';
import { globTest } from '../lib/globs.js';
import { FileScan, Findings } from '../lib/grep.js';
import { grepFiles } from '../lib/grep-files.js';
import { compileQuery } from '../lib/query.js';
import { startOf, walk } from '../lib/walk.js';
import { tool } from '../tool.js';

const MAX_RESULTS = 1000;

export const searchFileContents = tool({
  name: 'search_file_contents',
  title: 'Search inside files',
  description:
    'Find lines containing text (or matching a regex with regex: true) in the files under a folder, like ' +
    "grep -rn. Output: 'path:line: text' per match, 'path-line- text' for context lines. Binary files, .git, " +
    'symlinks, what .gitignore files ignore and exclude globs are skipped; include globs limit which files ' +
    'are read. Long lines are shown around the match. Path may also be a single file.',
  kind: 'read',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('Folder (or one file) to search: absolute, or relative to the first allowed directory'),
    query: z
      .string()
      .describe('Text to find, matched within one line; a JavaScript regex when regex is true'),
    regex: z
      .boolean()
      .default(false)
      .describe('Treat query as a regular expression (default false: literal text)'),
    caseSensitive: z.boolean().default(true).describe('Match case exactly (default true)'),
    include: z
      .array(z.string())
      .default([])
      .describe(
        'Only files matching one of these globs: without a slash a name (*.ts), with one a path (src/**)',
      ),
    exclude: z
      .array(z.string())
      .default([])
      .describe('Globs to skip, same rules; a matching folder is not searched, e.g. node_modules'),
    contextLines: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(0)
      .describe('Lines to show before and after each match'),
    maxResults: z
      .number()
      .int()
      .min(1)
      .max(MAX_RESULTS)
      .default(200)
      .describe(`Most matching lines to return (default 200, at most ${MAX_RESULTS})`),
    respectGitignore: z.boolean().default(true).describe('Skip what .gitignore files ignore (default true)'),
  }),
  output: z.object({
    matches: z
      .array(
        z.object({
          path: z.string().describe('Absolute path of the file'),
          line: z.number().describe('1-based line number'),
          text: z.string().describe('The line (a window around the match when it is long)'),
        }),
      )
      .describe('Matching lines, by file then line'),
    truncated: z.boolean().describe('True when more lines matched than maxResults'),
    filesSearched: z.number().describe('Text files read (binary files are not counted)'),
  }),
  async handle(input, ctx) {
    const query = compileQuery(input.query, input.regex, input.caseSensitive);
    const start = await startOf(ctx.sandbox, input.path, true);
    let files = [start.path];
    if (start.isDir) {
      const walked = await walk(start.path, {
        sandbox: ctx.sandbox,
        root: start.root,
        signal: ctx.signal,
        exclude: globTest(input.exclude, 'exclude'),
        respectGitignore: input.respectGitignore,
        match: globTest(input.include, 'include'),
      });
      const base = start.path.endsWith('/') ? start.path : `${start.path}/`;
      files = walked.paths.sort().map((p) => base + p);
    }
    const found = new Findings(input.maxResults);
    const { searched, unreadable } = await grepFiles(files, {
      query,
      signal: ctx.signal,
      scanFor: (file) => new FileScan(file, query, input.contextLines, found),
    });
    const lines = found.matches.length
      ? found.lines
      : [`No matches for ${JSON.stringify(input.query)} in ${searched} files under ${start.path}`];
    if (found.truncated)
      lines.push(
        `[more matched: stopped at ${found.limit} matching lines. Narrow the query, the path or include, ` +
          `or raise maxResults (at most ${MAX_RESULTS}).]`,
      );
    if (unreadable) lines.push(`[${unreadable} files could not be read]`);
    const data = { matches: found.matches, truncated: found.truncated, filesSearched: searched };
    return structured(data, lines.join('\n'), {
      rest: 'Narrow it: a subfolder as path, include globs, a more specific query, fewer contextLines or a lower maxResults.',
    });
  },
});

import { invalidInput, MAX_PATH_CHARS, structured, z } from '@bastion-mcp/runtime';
import { globTest } from '../lib/globs.js';
import { startOf, walk } from '../lib/walk.js';
import { tool } from '../tool.js';

const MAX_RESULTS = 10_000;

export const searchFiles = tool({
  name: 'search_files',
  title: 'Search for files by name',
  description:
    'Find files and folders whose path matches a glob, under a folder and all its subfolders. A pattern with a ' +
    "slash is matched against the path relative to 'path' (src/**/*.test.ts); one without a slash matches a " +
    'name at any depth (*.md, README*). Returns absolute paths, one per line. Skips .git, what .gitignore files ' +
    'ignore (respectGitignore: false to include) and excludePatterns. Symlinks are listed but not followed.',
  kind: 'read',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('Folder to search: absolute, or relative to the first allowed directory'),
    pattern: z
      .string()
      .describe("Glob: with a slash, matched against the path relative to 'path'; without, against names"),
    excludePatterns: z
      .array(z.string().max(MAX_PATH_CHARS))
      .default([])
      .describe(
        'Globs to skip (same rules as pattern); a matching folder is not searched, e.g. node_modules',
      ),
    respectGitignore: z
      .boolean()
      .default(true)
      .describe('Skip what .gitignore files ignore (default true); .git is always skipped'),
    maxResults: z
      .number()
      .int()
      .min(1)
      .max(MAX_RESULTS)
      .default(1000)
      .describe(`Most paths to return (default 1000, at most ${MAX_RESULTS})`),
  }),
  output: z.object({
    matches: z.array(z.string()).describe('Absolute paths of matching files and folders, sorted'),
    truncated: z.boolean().describe('True when more matched than maxResults'),
  }),
  async handle(input, ctx) {
    const pattern = globTest([input.pattern], 'pattern');
    if (!pattern)
      throw invalidInput('pattern is empty.', 'Pass a glob such as *.ts, README* or src/**/*.test.ts.');
    const start = await startOf(ctx.sandbox, input.path);
    const walked = await walk(start.path, {
      sandbox: ctx.sandbox,
      root: start.root,
      signal: ctx.signal,
      exclude: globTest(input.excludePatterns, 'excludePatterns'),
      respectGitignore: input.respectGitignore,
      dirs: true,
      symlinks: true,
      match: pattern,
      limit: input.maxResults,
    });
    const base = start.path.endsWith('/') ? start.path : `${start.path}/`;
    const matches = walked.paths.map((p) => base + (p.endsWith('/') ? p.slice(0, -1) : p)).sort();
    const lines = matches.length ? [...matches] : ['No matches found'];
    if (walked.truncated)
      lines.push(
        `[more matched: ${matches.length} of them are shown. Narrow the pattern, add excludePatterns, ` +
          `search a subfolder, or raise maxResults (at most ${MAX_RESULTS}).]`,
      );
    return structured({ matches, truncated: walked.truncated }, lines.join('\n'), {
      rest: 'Narrow the pattern, search a subfolder, add excludePatterns, or lower maxResults.',
    });
  },
});

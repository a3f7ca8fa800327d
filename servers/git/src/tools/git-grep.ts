import { invalidInput, MAX_PATH_CHARS, structured, z } from '@bastion-mcp/runtime';
import { resolveCommit } from '../lib/branching.js';
import { gitMessage } from '../lib/changes.js';
import { plainText, refusedByGuard } from '../lib/commits.js';
import { repoPathField } from '../lib/fields.js';
import { gitCall } from '../lib/git.js';
import { revision } from '../lib/refs.js';
import { openRepo, repoPaths } from '../lib/repo.js';
import { tool } from '../tool.js';

/** Longer lines are cut around the match so one minified file cannot fill the answer. */
const MAX_LINE = 400;

export const gitGrep = tool({
  name: 'git_grep',
  title: 'Search tracked files',
  description:
    "Find lines containing text in the repository's tracked files (or in a revision's files). Output: 'path:line: text' per match. Binary files are skipped.",
  kind: 'read',
  input: z.object({
    repo_path: repoPathField,
    pattern: z
      .string()
      .min(1)
      .describe('The text to find (a POSIX extended regex when fixed_string is false)'),
    fixed_string: z.boolean().default(true).describe('Match pattern literally (default); false for a regex'),
    ignore_case: z.boolean().default(false).describe('Ignore case when matching'),
    revision: z
      .string()
      .optional()
      .describe(
        "Search the files as of this branch, tag or commit; omitted, the working tree's tracked files",
      ),
    paths: z
      .array(z.string().max(MAX_PATH_CHARS).min(1))
      .optional()
      .describe('Only these files or folders (globs like src/*.ts work)'),
    max_count: z.number().int().min(1).max(1000).default(100).describe('Most matches to return (1-1000)'),
  }),
  output: z.object({
    matches: z
      .array(
        z.object({
          path: z.string().describe('Path relative to the repository'),
          line: z.number().describe('Line number (1-based)'),
          text: z.string().describe('The matching line (long lines are cut around the match)'),
        }),
      )
      .describe('Matches in path order'),
    truncated: z.boolean().describe('True when more matches exist than max_count'),
  }),
  async handle(input, ctx) {
    const repo = await openRepo(ctx, input.repo_path);
    const pattern = plainText(input.pattern, 'pattern');
    if (/[\n\r]/.test(pattern))
      throw invalidInput('pattern spans lines.', 'git_grep matches within one line.');
    // grep in git 2.39 does not take --end-of-options: the revision goes in as a resolved hash.
    const hash =
      input.revision === undefined
        ? undefined
        : await resolveCommit(repo, revision(input.revision, 'revision'), 'revision');
    const paths = input.paths ? await repoPaths(ctx, repo, input.paths) : [];
    const args = ['grep', '-z', '-n', '-I', '--no-color', '--no-textconv', '--full-name'];
    args.push(input.fixed_string ? '--fixed-strings' : '--extended-regexp');
    if (input.ignore_case) args.push('--ignore-case');
    // Per file; one past the limit so a single file with many matches still shows as truncated.
    args.push(`--max-count=${input.max_count + 1}`, '-e', pattern, ...(hash ? [hash] : []), '--', ...paths);
    const raw = await gitCall(repo.dir, repo.call, (git) => git.raw(args)).catch((error) => {
      const message = gitMessage(error);
      if (/command line|regex|regcomp|unmatched|invalid/i.test(message) && !input.fixed_string)
        throw invalidInput(
          `pattern is not a valid regex (${message}).`,
          'Fix the regex, or pass fixed_string: true.',
        );
      return refusedByGuard(error, 'pattern');
    });
    const prefix = hash ? `${hash}:` : '';
    const found = parseGrep(raw, prefix, input.max_count + 1);
    const truncated = found.length > input.max_count;
    const matches = found.slice(0, input.max_count).map((m) => ({ ...m, text: clip(m.text, input) }));
    const lines = matches.map((m) => `${m.path}:${m.line}: ${m.text}`);
    if (matches.length === 0) lines.push('No matches.');
    if (truncated)
      lines.push(`More matches exist: narrow with paths or raise max_count (now ${input.max_count}).`);
    return structured({ matches, truncated }, lines.join('\n'), {
      rest: 'Narrow with paths or a more specific pattern; structuredContent has every match returned.',
    });
  },
});

/** Parses `git grep -z -n`: "path\0line\0text\n" (a path may hold newlines, so it is read up to its NUL). */
export function parseGrep(raw: string, prefix: string, limit: number) {
  const out: { path: string; line: number; text: string }[] = [];
  const record = /([^\0]*)\0(\d+)\0([^\n]*)\n/y;
  for (let match = record.exec(raw); match && out.length < limit; match = record.exec(raw)) {
    const name = match[1] as string;
    out.push({
      path: name.startsWith(prefix) ? name.slice(prefix.length) : name,
      line: Number(match[2]),
      text: match[3] as string,
    });
  }
  return out;
}

function clip(text: string, input: { pattern: string; fixed_string: boolean; ignore_case: boolean }): string {
  if (text.length <= MAX_LINE) return text;
  let at = 0;
  if (input.fixed_string) {
    const hay = input.ignore_case ? text.toLowerCase() : text;
    at = Math.max(hay.indexOf(input.ignore_case ? input.pattern.toLowerCase() : input.pattern), 0);
  }
  const from = Math.max(0, Math.min(at - MAX_LINE / 4, text.length - MAX_LINE));
  return `${from > 0 ? '…' : ''}${text.slice(from, from + MAX_LINE)}${from + MAX_LINE < text.length ? '…' : ''}`;
}

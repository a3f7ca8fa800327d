import { createHash } from 'node:crypto';
import {
  cursorField,
  decodeCursor,
  encodeCursor,
  invalidInput,
  MAX_PATH_CHARS,
  notFound,
  structured,
  z,
} from '@bastion-mcp/runtime';
import { gitMessage } from '../lib/changes.js';
import {
  COMMIT_FORMAT,
  commitSchema,
  entryOf,
  parseCommits,
  plainText,
  refusedByGuard,
} from '../lib/commits.js';
import { gitDate } from '../lib/dates.js';
import { repoPathField } from '../lib/fields.js';
import { gitCall } from '../lib/git.js';
import { revisionRange } from '../lib/refs.js';
import { openRepo, repoPaths } from '../lib/repo.js';
import { tool } from '../tool.js';

const DATE_HINT = "ISO 8601 ('2024-01-15', '2024-01-15T14:30:25') or relative ('2 weeks ago', 'yesterday')";
const cursorState = z.object({ skip: z.number().int().nonnegative(), q: z.string() });

export const gitLog = tool({
  name: 'git_log',
  title: 'Commit history',
  description:
    'List commits, newest first, as hash, author, date, subject and body. Filter by revision or range, paths, author, message text and dates; page with cursor.',
  kind: 'read',
  input: z.object({
    repo_path: repoPathField,
    max_count: z.number().int().min(1).max(1000).default(10).describe('Most commits to return (1-1000)'),
    start_timestamp: z.string().optional().describe(`Only commits at or after this date: ${DATE_HINT}`),
    end_timestamp: z.string().optional().describe(`Only commits at or before this date: ${DATE_HINT}`),
    revision: z
      .string()
      .optional()
      .describe('Where to start: a branch, tag, commit or range like main..feature (default HEAD)'),
    paths: z
      .array(z.string().max(MAX_PATH_CHARS).min(1))
      .optional()
      .describe('Only commits touching these paths'),
    author: z
      .string()
      .min(1)
      .optional()
      .describe('Only commits whose author name or email contains this text'),
    message: z.string().min(1).optional().describe('Only commits whose message contains this text'),
    cursor: cursorField,
  }),
  output: z.object({
    entries: z.array(commitSchema).describe('Commits, newest first'),
    nextCursor: z.string().optional().describe('Pass as cursor to get the next page'),
  }),
  async handle(input, ctx) {
    const repo = await openRepo(ctx, input.repo_path);
    const rev = input.revision === undefined ? 'HEAD' : revisionRange(input.revision, 'revision');
    const since = input.start_timestamp && gitDate(input.start_timestamp, 'start_timestamp', 'since');
    const until = input.end_timestamp && gitDate(input.end_timestamp, 'end_timestamp', 'until');
    const author = input.author && plainText(input.author, 'author');
    const message = input.message && plainText(input.message, 'message');
    const paths = input.paths ? await repoPaths(ctx, repo, input.paths) : [];
    const query = JSON.stringify([rev, since, until, author, message, paths]);
    const q = createHash('sha256').update(query).digest('base64url').slice(0, 16);
    const cursor = decodeCursor(input.cursor, cursorState);
    if (cursor && cursor.q !== q) {
      throw invalidInput(
        'cursor belongs to a different query.',
        'Repeat the call with the same filters as the one that returned the cursor, or omit cursor.',
      );
    }
    const skip = cursor?.skip ?? 0;
    const args = ['log', ...COMMIT_FORMAT, `--max-count=${input.max_count + 1}`, `--skip=${skip}`];
    if (since) args.push(`--since=${since}`);
    if (until) args.push(`--until=${until}`);
    if (author) args.push(`--author=${author}`);
    if (message) args.push(`--grep=${message}`);
    if (author || message) args.push('--fixed-strings', '--regexp-ignore-case');
    args.push('--end-of-options', rev, '--', ...paths);
    let raw: string;
    try {
      raw = await gitCall(repo.dir, repo.call, (git) => git.raw(args));
    } catch (error) {
      const text = (error as Error).message ?? '';
      // HEAD on a branch with no commits yet.
      if (input.revision === undefined && /bad revision 'HEAD'|does not have any commits yet/.test(text))
        return structured({ entries: [] }, 'No commits yet.');
      if (/bad revision|unknown revision|ambiguous argument|bad object|invalid revision range/.test(text)) {
        throw notFound(
          `revision "${rev}" names no commit in this repository (${gitMessage(error)}).`,
          'Pass an existing branch, tag or commit, or a range like main..feature (git_branch lists branches).',
        );
      }
      refusedByGuard(error, author ? 'author' : 'message');
    }
    const commits = parseCommits(raw);
    const entries = commits.slice(0, input.max_count).map(entryOf);
    const more = commits.length > input.max_count;
    const nextCursor = more ? encodeCursor({ skip: skip + entries.length, q }) : undefined;
    const lines = entries.map((e) => `${e.short_hash} ${e.date.slice(0, 10)} ${e.author} ${e.subject}`);
    if (entries.length === 0) lines.push(skip ? 'No more commits.' : 'No commits match.');
    if (nextCursor) lines.push(`More commits follow: pass cursor "${nextCursor}" for the next page.`);
    return structured({ entries, ...(nextCursor ? { nextCursor } : {}) }, lines.join('\n'), {
      rest: `structuredContent has every entry${nextCursor ? `; for more pass cursor "${nextCursor}"` : ''}. Lower max_count, or narrow with paths, author, message or dates.`,
    });
  },
});

import { invalidInput, ToolError, z } from '@bastion-mcp/runtime';

export const commitSchema = z.object({
  hash: z.string().describe('Full commit hash'),
  short_hash: z.string().describe('Abbreviated commit hash'),
  author: z.string().describe('Author name'),
  email: z.string().describe('Author email'),
  date: z.string().describe('Author date, ISO 8601 with offset'),
  subject: z.string().describe('First line of the message'),
  body: z.string().describe('The rest of the message (may be empty)'),
});
export type Commit = z.output<typeof commitSchema>;
export type CommitWithParents = Commit & { parents: string[] };

/**
 * Each commit is a record that starts with RS (\x1e) and holds NUL-separated fields; `-z` ends it
 * with a NUL. Git refuses NUL in messages and identities, so splitting on NUL cannot be fooled by
 * any subject, body or name, and the RS at each record start proves the split stayed aligned.
 */
const FIELDS = ['%H', '%h', '%an', '%ae', '%aI', '%P', '%s', '%b'];
export const COMMIT_FORMAT = ['-z', `--format=%x1e${FIELDS.join('%x00')}`, '--no-show-signature'];

export function parseCommits(raw: string): CommitWithParents[] {
  const parts = raw.split('\0');
  const commits: CommitWithParents[] = [];
  for (let i = 0; i + FIELDS.length <= parts.length; i += FIELDS.length) {
    const f = parts.slice(i, i + FIELDS.length);
    if (!f[0]?.startsWith('\x1e')) {
      throw new ToolError('upstream', 'git log printed records this server could not read.', 'Report this.');
    }
    const at = (n: number) => f[n] ?? '';
    commits.push({
      hash: at(0).slice(1),
      short_hash: at(1),
      author: at(2),
      email: at(3),
      date: at(4),
      subject: at(6),
      body: at(7).replace(/\n+$/, ''),
      parents: at(5) ? at(5).split(' ') : [],
    });
  }
  return commits;
}

/** The log entry shape (parents left out). */
export function entryOf(commit: CommitWithParents): Commit {
  const { parents: _parents, ...entry } = commit;
  return entry;
}

/** A free-text field that reaches git inside one argument: anything but NUL (git cannot take it). */
export function plainText(value: string, field: string): string {
  if (value.includes('\0'))
    throw invalidInput(`${field} contains a NUL character.`, `Remove it from ${field}.`);
  return value;
}

/** simple-git's guards refuse some values outright (e.g. text naming --upload-pack); say which field. */
export function refusedByGuard(error: unknown, field: string): never {
  const message = (error as Error).message ?? '';
  if (/not permitted without enabling/.test(message)) {
    throw invalidInput(
      `${field} contains text the git library refuses to pass on (${message.replace(/^git failed: /, '')}).`,
      `Change ${field}; option names such as --upload-pack cannot be searched for.`,
    );
  }
  throw error;
}

import { cursorField, paginate, structured, z } from '@bastion-mcp/runtime';
import { gitRun, resolveCommit, short } from '../lib/branching.js';
import { repoPathField } from '../lib/fields.js';
import { revision } from '../lib/refs.js';
import { openRepo } from '../lib/repo.js';
import { tool } from '../tool.js';

const PAGE = 300;
const FIELDS = [
  '%(refname:strip=2)',
  '%(objecttype)',
  '%(objectname)',
  '%(*objectname)',
  '%(creatordate:iso-strict)',
  '%(contents:subject)',
];
const FORMAT = `%1e${FIELDS.join('%00')}`;

const tag = z.object({
  name: z.string().describe('Tag name'),
  annotated: z.boolean().describe('True for an annotated tag (with tagger, date and message)'),
  target: z.string().describe('Full hash of the commit (or object) the tag points to'),
  date: z.string().describe("The tag's date (annotated) or its commit's date (lightweight), ISO 8601"),
  message: z.string().optional().describe('Subject line of an annotated tag'),
});
type Tag = z.output<typeof tag>;

export const gitTag = tool({
  name: 'git_tag',
  title: 'List tags',
  description:
    'List tags, highest version first, with the commit each points to and, for annotated tags, their message. Create tags with git_create_tag.',
  kind: 'read',
  input: z.object({
    repo_path: repoPathField,
    contains: z.string().optional().describe('Only tags whose history contains this commit (a revision)'),
    cursor: cursorField,
  }),
  output: z.object({
    tags: z.array(tag).describe(`Tags by descending version, at most ${PAGE} per page`),
    total: z.number().describe('Tags matching the filter'),
    nextCursor: z.string().optional().describe('Pass as cursor for the next page'),
  }),
  async handle(input, ctx) {
    const contains = input.contains === undefined ? undefined : revision(input.contains, 'contains');
    const repo = await openRepo(ctx, input.repo_path);
    const filter = contains ? [`--contains=${await resolveCommit(repo, contains, 'contains')}`] : [];
    const raw = await gitRun(repo, [
      'for-each-ref',
      `--format=${FORMAT}`,
      '--sort=-v:refname',
      ...filter,
      'refs/tags',
    ]);
    const all = parseTags(raw);
    const page = paginate(all, input.cursor, PAGE);
    const lines = page.items.map((t) =>
      `${t.name} ${short(t.target)}${t.annotated ? ` (annotated) ${t.message ?? ''}` : ''}`.trimEnd(),
    );
    if (!all.length) lines.push(contains ? `No tag contains ${contains}.` : 'No tags.');
    if (page.nextCursor) lines.push(`(${all.length} tags; pass the cursor for the next ${PAGE})`);
    return structured(
      { tags: page.items, total: all.length, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      lines.join('\n'),
      { rest: 'Filter with contains, or page with the cursor.' },
    );
  },
});

export function parseTags(raw: string): Tag[] {
  return raw
    .split('\x1e')
    .slice(1)
    .map((record) => {
      const [name = '', type, object = '', peeled, date = '', subject = ''] = record
        .replace(/\n$/, '')
        .split('\0');
      const annotated = type === 'tag';
      return {
        name,
        annotated,
        target: annotated && peeled ? peeled : object,
        date,
        ...(annotated ? { message: subject } : {}),
      };
    });
}

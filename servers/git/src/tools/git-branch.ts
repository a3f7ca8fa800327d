import { cursorField, paginate, structured, z } from '@bastion-mcp/runtime';
import { gitRun, resolveCommit, short } from '../lib/branching.js';
import { repoPathField } from '../lib/fields.js';
import { revision } from '../lib/refs.js';
import { openRepo } from '../lib/repo.js';
import { tool } from '../tool.js';

const PAGE = 300;
const SCOPES = { local: ['refs/heads'], remote: ['refs/remotes'], all: ['refs/heads', 'refs/remotes'] };
// One record per ref: %1e starts it, %00 separates fields (refnames cannot hold either).
const FORMAT = `%1e${['%(refname)', '%(HEAD)', '%(objectname)', '%(upstream:short)', '%(upstream:track,nobracket)', '%(symref)'].join('%00')}`;

const branch = z.object({
  name: z.string().describe('Branch name; remote branches as <remote>/<branch>'),
  type: z.enum(['local', 'remote']).describe('local (refs/heads) or remote-tracking (refs/remotes)'),
  current: z.boolean().describe('True for the checked-out branch'),
  commit: z.string().describe('Full hash of the commit the branch points to'),
  upstream: z.string().optional().describe('The branch it tracks, if any'),
  upstream_gone: z.boolean().optional().describe('True when the tracked branch no longer exists'),
  ahead: z.number().optional().describe('Commits on the branch not on its upstream'),
  behind: z.number().optional().describe('Commits on the upstream not on the branch'),
});
type Branch = z.output<typeof branch>;

export const gitBranch = tool({
  name: 'git_branch',
  title: 'List branches',
  description:
    'List local, remote-tracking or all branches with their commit, upstream and ahead/behind counts; optionally only those that contain (or do not contain) a commit.',
  kind: 'read',
  input: z.object({
    repo_path: repoPathField,
    branch_type: z
      .enum(['local', 'remote', 'all'])
      .default('local')
      .describe("Which branches: 'local' (default), 'remote' (remote-tracking) or 'all'"),
    contains: z.string().optional().describe('Only branches whose history contains this commit (a revision)'),
    not_contains: z
      .string()
      .optional()
      .describe('Only branches whose history does not contain this commit (a revision)'),
    cursor: cursorField,
  }),
  output: z.object({
    branches: z.array(branch).describe(`Branches sorted by name, at most ${PAGE} per page`),
    total: z.number().describe('Branches matching the filters'),
    nextCursor: z.string().optional().describe('Pass as cursor for the next page'),
  }),
  async handle(input, ctx) {
    const contains = input.contains === undefined ? undefined : revision(input.contains, 'contains');
    const without =
      input.not_contains === undefined ? undefined : revision(input.not_contains, 'not_contains');
    const repo = await openRepo(ctx, input.repo_path);
    const filters: string[] = [];
    if (contains) filters.push(`--contains=${await resolveCommit(repo, contains, 'contains')}`);
    if (without) filters.push(`--no-contains=${await resolveCommit(repo, without, 'not_contains')}`);
    const raw = await gitRun(repo, [
      'for-each-ref',
      `--format=${FORMAT}`,
      '--sort=refname',
      ...filters,
      ...SCOPES[input.branch_type],
    ]);
    const all = parseRefs(raw);
    const page = paginate(all, input.cursor, PAGE);
    const lines = page.items.map(describe);
    if (!all.length)
      lines.push(`No ${input.branch_type === 'all' ? '' : `${input.branch_type} `}branches match.`);
    if (page.nextCursor) lines.push(`(${all.length} branches; pass the cursor for the next ${PAGE})`);
    return structured(
      {
        branches: page.items,
        total: all.length,
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
      lines.join('\n'),
      { rest: 'Filter with branch_type, contains or not_contains, or page with the cursor.' },
    );
  },
});

function describe(b: Branch): string {
  const state = b.upstream_gone
    ? 'gone'
    : [b.ahead ? `ahead ${b.ahead}` : '', b.behind ? `behind ${b.behind}` : ''].filter(Boolean).join(', ');
  const upstream = b.upstream ? ` [${b.upstream}${state ? `: ${state}` : ''}]` : '';
  return `${b.current ? '*' : ' '} ${b.type === 'remote' ? 'remote ' : ''}${b.name} ${short(b.commit)}${upstream}`;
}

/** Parses the FORMAT records; symbolic refs (origin/HEAD) are left out. */
export function parseRefs(raw: string): Branch[] {
  const out: Branch[] = [];
  for (const record of raw.split('\x1e').slice(1)) {
    const [ref = '', head, commit = '', upstream, track = '', symref] = record.replace(/\n$/, '').split('\0');
    if (symref) continue;
    const remote = ref.startsWith('refs/remotes/');
    const entry: Branch = {
      name: ref.slice(remote ? 13 : 11),
      type: remote ? 'remote' : 'local',
      current: head === '*',
      commit,
    };
    if (upstream) {
      entry.upstream = upstream;
      if (track === 'gone') entry.upstream_gone = true;
      else {
        entry.ahead = Number(/ahead (\d+)/.exec(track)?.[1] ?? 0);
        entry.behind = Number(/behind (\d+)/.exec(track)?.[1] ?? 0);
      }
    }
    out.push(entry);
  }
  return out;
}

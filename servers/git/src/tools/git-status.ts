import { structured, z } from '@bastion-mcp/runtime';
import { CHANGE_KIND, changeSchema } from '../lib/changes.js';
import { repoPathField } from '../lib/fields.js';
import { gitCall } from '../lib/git.js';
import { openRepo } from '../lib/repo.js';
import { tool } from '../tool.js';

const change = changeSchema;

export const gitStatus = tool({
  name: 'git_status',
  title: 'Working tree status',
  description: 'Show the branch, its ahead/behind counts, and staged, unstaged and untracked changes.',
  kind: 'read',
  input: z.object({ repo_path: repoPathField }),
  output: z.object({
    branch: z.string().nullable().describe('Current branch, or null when HEAD is detached'),
    upstream: z.string().nullable().describe('The tracking branch, if any'),
    ahead: z.number().describe('Commits on the branch not on its upstream'),
    behind: z.number().describe('Commits on the upstream not on the branch'),
    staged: z.array(change).describe('Changes in the index'),
    unstaged: z.array(change).describe('Changes in the working tree not yet staged'),
    untracked: z.array(z.string()).describe('Files git does not track'),
  }),
  async handle(input, ctx) {
    const repo = await openRepo(ctx, input.repo_path);
    const raw = await gitCall(repo.dir, repo.call, (git) =>
      git.raw(['status', '--porcelain=v2', '--branch', '-z']),
    );
    const status = parsePorcelainV2(raw);
    const lines = [
      `On ${status.branch ?? 'a detached HEAD'}${status.upstream ? ` (tracking ${status.upstream}, ahead ${status.ahead}, behind ${status.behind})` : ''}`,
      ...section(
        'Staged',
        status.staged.map((c) => `${c.change}: ${c.path}`),
      ),
      ...section(
        'Unstaged',
        status.unstaged.map((c) => `${c.change}: ${c.path}`),
      ),
      ...section('Untracked', status.untracked),
    ];
    if (!status.staged.length && !status.unstaged.length && !status.untracked.length)
      lines.push('Working tree clean.');
    return structured(status, lines.join('\n'));
  },
});

function section(title: string, items: string[]): string[] {
  return items.length ? [`${title} (${items.length}):`, ...items.map((i) => `  ${i}`)] : [];
}

type Change = z.output<typeof change>;

/** Parses `git status --porcelain=v2 --branch -z`. */
export function parsePorcelainV2(raw: string) {
  const result = { branch: null as string | null, upstream: null as string | null, ahead: 0, behind: 0 };
  const staged: Change[] = [];
  const unstaged: Change[] = [];
  const untracked: string[] = [];
  const records = raw.split('\0');
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as string;
    if (record.startsWith('# branch.head ')) {
      const head = record.slice(14);
      result.branch = head === '(detached)' ? null : head;
    } else if (record.startsWith('# branch.upstream ')) result.upstream = record.slice(18);
    else if (record.startsWith('# branch.ab ')) {
      const [ahead, behind] = record.slice(12).split(' ');
      result.ahead = Number(ahead?.slice(1) ?? 0);
      result.behind = Number(behind?.slice(1) ?? 0);
    } else if (record.startsWith('? ')) untracked.push(record.slice(2));
    else if (record.startsWith('1 ') || record.startsWith('2 ') || record.startsWith('u ')) {
      const fields = record.split(' ');
      const xy = fields[1] ?? '..';
      const renamed = record.startsWith('2 ');
      const filePath = fields.slice(renamed ? 9 : record.startsWith('u ') ? 10 : 8).join(' ');
      const from = renamed ? records[++i] : undefined;
      const entry = (code: string): Change => ({
        path: filePath,
        change: CHANGE_KIND[code] ?? 'modified',
        ...(from ? { from } : {}),
      });
      if (record.startsWith('u ')) {
        unstaged.push({ path: filePath, change: 'unmerged' });
        continue;
      }
      if (xy[0] !== '.') staged.push(entry(xy[0] as string));
      if (xy[1] !== '.') unstaged.push(entry(xy[1] as string));
    }
  }
  return { ...result, staged, unstaged, untracked };
}

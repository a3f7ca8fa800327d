import { z } from '@bastion-mcp/runtime';
import { gitCall } from './git.js';
import type { Repo } from './repo.js';

export const changeSchema = z.object({
  path: z.string().describe('Path relative to the repository'),
  change: z.string().describe('added, modified, deleted, renamed, copied, type_changed or unmerged'),
  from: z.string().optional().describe('The old path of a rename or copy'),
});
export type Change = z.output<typeof changeSchema>;

/** git's one-letter change codes, as words. */
export const CHANGE_KIND: Record<string, string> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type_changed',
  U: 'unmerged',
};

/** Parses `--name-status -z`: "M\0path\0", or "R100\0old\0new\0" for a rename or copy. */
export function parseNameStatus(raw: string): Change[] {
  const records = raw.split('\0');
  const out: Change[] = [];
  for (let i = 0; i + 1 < records.length; i++) {
    const code = (records[i] as string).charAt(0);
    if (!code) continue;
    const first = records[++i] as string;
    if (code === 'R' || code === 'C')
      out.push({ path: records[++i] ?? '', change: CHANGE_KIND[code] as string, from: first });
    else out.push({ path: first, change: CHANGE_KIND[code] ?? 'modified' });
  }
  return out;
}

/** `git diff --name-status -z` with extra arguments (selection, then `--` and paths). */
export async function nameStatus(repo: Repo, args: string[]): Promise<Change[]> {
  const raw = await gitCall(repo.dir, repo.call, (git) =>
    git.raw(['diff', '--no-ext-diff', '--no-textconv', '--name-status', '-z', ...args]),
  );
  return parseNameStatus(raw);
}

/** What git said, without the "git failed: " that gitCall puts first. */
export function gitMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^git failed: /, '')
    .replace(/^(fatal|error): /, '')
    .trim();
}

/** The commit HEAD points to, or null on a branch with no commits yet. */
export async function headCommit(repo: Repo): Promise<string | null> {
  const out = await gitCall(repo.dir, repo.call, (git) =>
    git.raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']),
  ).catch(() => '');
  return out.trim() || null;
}

/** "  modified: a.txt" lines, a rename as "renamed: old -> new". */
export function changeLines(changes: readonly Change[], limit = 200): string[] {
  const lines = changes
    .slice(0, limit)
    .map((c) => `  ${c.change}: ${c.from ? `${c.from} -> ` : ''}${c.path}`);
  if (changes.length > limit) lines.push(`  ... and ${changes.length - limit} more`);
  return lines;
}

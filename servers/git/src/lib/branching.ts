import { conflict, notFound, type ToolError } from '@bastion-mcp/runtime';
import { gitCall } from './git.js';
import type { Repo } from './repo.js';

/**
 * Runs `git <args>` in the repository. `refine` sees git's whole message (gitCall keeps only its
 * first lines) and may turn it into a precise ToolError. Note: simple-git resolves a command that
 * exits non-zero without writing to stderr (a merge stopping on conflicts), so callers check the
 * repository's state afterwards where that matters.
 */
export function gitRun(
  repo: Repo,
  args: string[],
  refine?: (message: string) => ToolError | undefined,
): Promise<string> {
  return gitCall(repo.dir, repo.call, async (git) => {
    try {
      return await git.raw(args);
    } catch (error) {
      const refined = refine?.(error instanceof Error ? error.message : String(error));
      if (refined) throw refined;
      throw error;
    }
  });
}

const HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The full hash `rev` names, or '' (rev-parse --verify --quiet prints nothing and exits 1). */
export async function lookup(repo: Repo, rev: string): Promise<string> {
  const out = (await gitRun(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', rev])).trim();
  return HASH.test(out) ? out : '';
}

/** The commit a validated revision names, or not_found naming the field. */
export async function resolveCommit(repo: Repo, rev: string, field: string): Promise<string> {
  const hash = await lookup(repo, `${rev}^{commit}`);
  if (hash) return hash;
  if (rev === 'HEAD' && !(await lookup(repo, 'HEAD'))) {
    throw notFound('The repository has no commits yet.', 'Make a first commit (git_add, git_commit).');
  }
  throw notFound(
    `${field} "${rev}" does not name a commit in this repository.`,
    'List branches with git_branch and tags with git_tag, or pass a commit hash.',
  );
}

/** The current branch, or null when HEAD is detached. */
export async function currentBranch(repo: Repo): Promise<string | null> {
  const out = (await gitRun(repo, ['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim();
  return out === '' ? null : out;
}

/**
 * A conflict error listing the files git refused to overwrite (checkout, merge, stash apply), or
 * undefined when `message` is not that refusal.
 */
export function blockedByChanges(message: string, what: string): ToolError | undefined {
  const changed: string[] = [];
  const untracked: string[] = [];
  let list: string[] | undefined;
  for (const line of message.split('\n')) {
    if (/would be (?:overwritten|removed) by/.test(line)) list = /untracked/.test(line) ? untracked : changed;
    else if (list && line.startsWith('\t')) list.push(line.slice(1));
    else list = undefined;
  }
  if (!changed.length && !untracked.length) return undefined;
  const parts = [
    ...(changed.length ? [`uncommitted changes in ${changed.join(', ')}`] : []),
    ...(untracked.length ? [`untracked files ${untracked.join(', ')}`] : []),
  ];
  return conflict(
    `${what} would overwrite ${parts.join(' and ')}; nothing was changed.`,
    'Commit the changes (git_add, git_commit), stash them (git_stash with action "push"), or discard them (git_restore); move untracked files away. Then call again.',
  );
}

/** Paths with unresolved merge conflicts (unmerged index entries). */
export async function unmergedFiles(repo: Repo): Promise<string[]> {
  const out = await gitRun(repo, ['ls-files', '--unmerged', '-z']);
  const paths = out
    .split('\0')
    .filter(Boolean)
    .map((record) => record.slice(record.indexOf('\t') + 1));
  return [...new Set(paths)];
}

/** A 7-character hash for text, or 'nothing' for a branch with no commits. */
export function short(hash: string | null | undefined): string {
  return hash ? hash.slice(0, 7) : 'nothing';
}

import { invalidInput, structured, z } from '@bastion-mcp/runtime';
import { currentBranch, resolveCommit } from '../lib/branching.js';
import { headCommit } from '../lib/changes.js';
import { repoPathField } from '../lib/fields.js';
import { gitCall } from '../lib/git.js';
import { revision } from '../lib/refs.js';
import { openRepo, type Repo } from '../lib/repo.js';
import { tool } from '../tool.js';
import { parsePorcelainV2 } from './git-status.js';

/**
 * In the default toolset, on purpose. Its protection is the destructive annotation (clients ask
 * before running it), confirm: true, and a refusal that names exactly what would be lost. Keeping
 * it out of the defaults would buy little: git_restore with paths ["."] and confirm: true (a
 * default tool, as the issue lists it) discards the same uncommitted work, and what only a hard
 * reset adds, moving the branch, stays recoverable from the reflog. Operators who want neither can
 * pass --exclude-tools git_reset_hard,git_restore, or --read-only.
 */
export const gitResetHard = tool({
  name: 'git_reset_hard',
  title: 'Hard reset',
  description:
    'Move the current branch to target and make the index and working tree match it (git reset --hard), DISCARDING every uncommitted change to tracked files. Untracked files are kept unless target tracks a file of the same name. Needs confirm: true; without it, says what would be lost and changes nothing.',
  kind: 'destructive',
  input: z.object({
    repo_path: repoPathField,
    target: z
      .string()
      .min(1)
      .default('HEAD')
      .describe('The revision to reset to (default HEAD: just discard changes)'),
    confirm: z
      .boolean()
      .optional()
      .describe('Must be true to reset; uncommitted changes to tracked files are lost for good'),
  }),
  output: z.object({
    hash: z.string().describe('The commit HEAD now points to'),
    branch: z.string().nullable().describe('The branch that was moved, or null when HEAD is detached'),
    discarded: z.array(z.string()).describe('Tracked files whose uncommitted changes were discarded'),
    overwritten: z.array(z.string()).describe('Untracked files replaced by the version in target'),
    commits_left: z.number().describe('Commits no longer on the branch (still in the reflog for a while)'),
  }),
  async handle(input, ctx) {
    const target = revision(input.target, 'target');
    const repo = await openRepo(ctx, input.repo_path);
    const hash = await resolveCommit(repo, target, 'target');
    const head = await headCommit(repo);
    const branch = await currentBranch(repo);
    const loss = await whatIsLost(repo, hash, head);
    if (input.confirm !== true) {
      throw invalidInput(
        `git_reset_hard needs confirm: true. It would ${describe(loss, branch, target, false)}`,
        'Commit or stash what you want to keep, then call again with confirm: true.',
      );
    }
    // The resolved hash, not the caller's text: `git reset` rejects --end-of-options in git 2.39.
    await gitCall(repo.dir, repo.call, (git) => git.raw(['reset', '--hard', '--quiet', hash]));
    return structured(
      { hash, branch, ...loss },
      `HEAD is now at ${hash.slice(0, 12)}${branch ? ` (${branch})` : ''}; ${describe(loss, branch, target, true)}`,
    );
  },
});

interface Loss {
  discarded: string[];
  overwritten: string[];
  commits_left: number;
}

async function whatIsLost(repo: Repo, hash: string, head: string | null): Promise<Loss> {
  const raw = await gitCall(repo.dir, repo.call, (git) => git.raw(['status', '--porcelain=v2', '-z']));
  const status = parsePorcelainV2(raw);
  const discarded = [...new Set([...status.staged, ...status.unstaged].map((c) => c.path))].sort();
  let overwritten: string[] = [];
  if (status.untracked.length && hash !== head) {
    const tree = await gitCall(repo.dir, repo.call, (git) =>
      git.raw(['ls-tree', '-r', '--name-only', '-z', hash]),
    );
    const tracked = tree.split('\0').filter(Boolean);
    // An untracked folder shows as "dir/": every file the target tracks below it is overwritten.
    overwritten = tracked.filter((file) =>
      status.untracked.some((u) => file === u || (u.endsWith('/') && file.startsWith(u))),
    );
  }
  const commits_left =
    head && head !== hash
      ? Number(
          (
            await gitCall(repo.dir, repo.call, (git) => git.raw(['rev-list', '--count', `${hash}..${head}`]))
          ).trim(),
        )
      : 0;
  return { discarded, overwritten, commits_left };
}

/** What the reset does (done: false, "discard ...") or did (done: true, "discarded ..."). */
function describe(loss: Loss, branch: string | null, target: string, done: boolean): string {
  const verb = (now: string, past: string) => (done ? past : now);
  const n = loss.discarded.length;
  const parts = [
    n
      ? `${verb('discard', 'discarded')} the uncommitted changes to ${n} file${n === 1 ? '' : 's'}: ${list(loss.discarded)}`
      : `${verb('discard', 'discarded')} no uncommitted changes`,
  ];
  if (loss.overwritten.length)
    parts.push(
      `${verb('overwrite', 'overwrote')} ${loss.overwritten.length} untracked file(s) with target's version: ${list(loss.overwritten)}`,
    );
  if (loss.commits_left)
    parts.push(
      `${verb('move', 'moved')} ${branch ?? 'HEAD'} to ${target}, leaving ${loss.commits_left} commit(s) off it (recoverable from the reflog)`,
    );
  return `${parts.join('; ')}.`;
}

function list(paths: string[]): string {
  return paths.length > 20
    ? `${paths.slice(0, 20).join(', ')}, ... (${paths.length - 20} more)`
    : paths.join(', ');
}

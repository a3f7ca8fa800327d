import { invalidInput, MAX_PATH_CHARS, notFound, structured, z } from '@bastion-mcp/runtime';
import { resolveCommit } from '../lib/branching.js';
import { gitMessage, headCommit, nameStatus } from '../lib/changes.js';
import { repoPathField } from '../lib/fields.js';
import { gitCall } from '../lib/git.js';
import { revision } from '../lib/refs.js';
import { openRepo, type Repo, repoPaths } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitRestore = tool({
  name: 'git_restore',
  title: 'Discard changes to files',
  description:
    "Discard the working-tree changes to the given tracked files (git restore), putting back their staged version, or source's version when source is given; staged: true also unstages them (back to HEAD or source). The discarded changes are lost for good. Needs confirm: true; without it, lists the files that would lose changes and changes nothing. Untracked files are never touched.",
  kind: 'destructive',
  input: z.object({
    repo_path: repoPathField,
    paths: z
      .array(z.string().max(MAX_PATH_CHARS).min(1))
      .min(1)
      .describe('Files or folders to restore, inside the repository ("." for all)'),
    staged: z
      .boolean()
      .default(false)
      .describe('Also restore the index (unstage), not only the working tree'),
    source: z
      .string()
      .min(1)
      .optional()
      .describe('Take the content from this revision (HEAD, main, a hash) instead of the index'),
    confirm: z
      .boolean()
      .optional()
      .describe('Must be true to restore; the discarded changes cannot be recovered'),
  }),
  output: z.object({
    restored: z.array(z.string()).describe('Files whose content was replaced (their changes are gone)'),
  }),
  async handle(input, ctx) {
    const source = input.source === undefined ? undefined : revision(input.source, 'source');
    const repo = await openRepo(ctx, input.repo_path);
    const paths = await repoPaths(ctx, repo, input.paths);
    const hash = source === undefined ? undefined : await resolveCommit(repo, source, 'source');
    if (hash === undefined) await checkTracked(repo, paths);
    if (input.staged && hash === undefined && !(await headCommit(repo)))
      throw invalidInput(
        'staged: there is no commit to restore the index from yet.',
        'Use git_reset to unstage on a branch without commits.',
      );
    const files = await changedFiles(repo, paths, input.staged, hash);
    const from = hash ? source : input.staged ? 'HEAD' : 'the index';
    if (files.length === 0)
      return structured(
        { restored: [] },
        `Nothing to restore: ${input.paths.join(', ')} already ${input.paths.length === 1 ? 'matches' : 'match'} ${from}.`,
      );
    if (input.confirm !== true) {
      throw invalidInput(
        `git_restore needs confirm: true. It would discard the changes to ${files.length} file(s), restoring them from ${from}: ${list(files)}.`,
        'Check them with git_diff_unstaged or git_diff_staged, keep what you need, then call again with confirm: true.',
      );
    }
    const args = [
      'restore',
      '--worktree',
      ...(input.staged ? ['--staged'] : []),
      ...(hash ? [`--source=${hash}`] : []),
    ];
    await gitCall(repo.dir, repo.call, (git) => git.raw([...args, '--', ...paths])).catch((error) => {
      const message = gitMessage(error);
      if (/did not match/.test(message)) throw notFound(`paths: ${message.split('\n')[0]}`);
      throw error;
    });
    return structured({ restored: files }, `Restored ${files.length} file(s) from ${from}: ${list(files)}.`);
  },
});

/** Without a source, only files git tracks can be restored; an untracked or unknown path is refused. */
async function checkTracked(repo: Repo, paths: string[]): Promise<void> {
  await gitCall(repo.dir, repo.call, (git) =>
    git.raw(['ls-files', '--error-unmatch', '-z', '--', ...paths]),
  ).catch((error) => {
    const message = gitMessage(error).split('\n')[0];
    throw notFound(
      `paths: ${message}; git_restore only restores files git tracks.`,
      'Pass tracked files (git_status lists changed ones); untracked files are never touched by this tool.',
    );
  });
}

/** The files whose working-tree (and, with staged, index) content differs from what they would become. */
async function changedFiles(repo: Repo, paths: string[], staged: boolean, hash?: string): Promise<string[]> {
  const base = hash ?? (staged ? 'HEAD' : undefined);
  const sets = [nameStatus(repo, ['--no-renames', ...(base ? [base] : []), '--', ...paths])];
  if (staged) sets.push(nameStatus(repo, ['--no-renames', '--cached', base as string, '--', ...paths]));
  const all = (await Promise.all(sets)).flat().map((c) => c.path);
  return [...new Set(all)].sort();
}

function list(files: string[]): string {
  return files.length > 50
    ? `${files.slice(0, 50).join(', ')}, ... (${files.length - 50} more)`
    : files.join(', ');
}

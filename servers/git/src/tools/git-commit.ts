import { conflict, invalidInput, structured, ToolError, z } from '@bastion-mcp/runtime';
import { currentBranch } from '../lib/branching.js';
import { gitMessage, headCommit } from '../lib/changes.js';
import { repoPathField } from '../lib/fields.js';
import { gitCall } from '../lib/git.js';
import { openRepo, type Repo } from '../lib/repo.js';
import { tool } from '../tool.js';

/**
 * amend is offered (replacing the last commit is a daily need: a forgotten file, a typo in the
 * message) but only for commits that are not published: when any remote-tracking branch already
 * contains HEAD it is refused, since rewriting it would make the branch diverge and need a force
 * push. The replaced commit stays in the reflog, so amend is a write, not a destructive operation.
 * Hooks (pre-commit, commit-msg) run as they do for `git commit`: they are the repository's own.
 */
export const gitCommit = tool({
  name: 'git_commit',
  title: 'Commit staged changes',
  description:
    'Record the staged changes as a new commit on the current branch (git commit -m). Stage files first with git_add. amend: true replaces the last commit instead (adding what is staged and using the new message); refused when that commit is already on a remote.',
  kind: 'write',
  input: z.object({
    repo_path: repoPathField,
    message: z
      .string()
      .min(1)
      .describe('The commit message: a subject line, then optionally a blank line and a body'),
    amend: z
      .boolean()
      .default(false)
      .describe('Replace the last commit (not yet pushed) instead of adding a new one'),
  }),
  output: z.object({
    hash: z.string().describe('The new commit'),
    branch: z.string().nullable().describe('The branch it is on, or null when HEAD is detached'),
    subject: z.string().describe("The message's first line"),
    files_changed: z.number().describe('Files the commit changes (against its first parent)'),
  }),
  async handle(input, ctx) {
    if (input.message.trim() === '')
      throw invalidInput('message is blank.', 'Pass a message saying what the commit changes.');
    const repo = await openRepo(ctx, input.repo_path);
    const head = await headCommit(repo);
    if (input.amend) await checkAmendable(repo, head);
    else await checkStaged(repo);
    await gitCall(repo.dir, repo.call, (git) =>
      // useConfigOnly: no commit under a guessed identity such as root@hostname.
      git.raw([
        '-c',
        'user.useConfigOnly=true',
        'commit',
        '--quiet',
        ...(input.amend ? ['--amend'] : []),
        '-m',
        input.message,
      ]),
    ).catch(refine);
    const hash = await headCommit(repo);
    // git exits 1 with nothing on stderr for some refusals, which simple-git does not treat as failure.
    if (!hash || hash === head)
      throw new ToolError(
        'upstream',
        'git did not create a commit.',
        'Check git_status and the hooks of the repository.',
      );
    const [branch, subject, files] = await Promise.all([
      currentBranch(repo),
      gitCall(repo.dir, repo.call, (git) => git.raw(['log', '-1', '--format=%s', hash])),
      gitCall(repo.dir, repo.call, (git) =>
        git.raw([
          'diff-tree',
          '-r',
          '--root',
          '--no-commit-id',
          '--name-only',
          '-z',
          '-m',
          '--first-parent',
          hash,
        ]),
      ),
    ]);
    const data = {
      hash,
      branch,
      subject: subject.trim(),
      files_changed: files.split('\0').filter(Boolean).length,
    };
    return structured(
      data,
      `${input.amend ? 'Amended' : 'Committed'} ${hash.slice(0, 12)} on ${branch ?? 'a detached HEAD'}: ${data.subject} (${data.files_changed} file${data.files_changed === 1 ? '' : 's'} changed)`,
    );
  },
});

async function checkStaged(repo: Repo): Promise<void> {
  const staged = await gitCall(repo.dir, repo.call, (git) =>
    git.raw(['diff', '--cached', '--name-only', '-z']),
  );
  if (staged !== '') return;
  // Concluding a merge may legitimately record no change against HEAD.
  const merging = await gitCall(repo.dir, repo.call, (git) =>
    git.raw(['rev-parse', '--verify', '--quiet', 'MERGE_HEAD']),
  ).catch(() => '');
  if (merging.trim()) return;
  throw conflict(
    'Nothing is staged, so there is nothing to commit.',
    'Stage changes with git_add first (git_status shows what changed), or pass amend: true to reword the last commit.',
  );
}

async function checkAmendable(repo: Repo, head: string | null): Promise<void> {
  if (!head)
    throw conflict(
      'There is no commit to amend: the branch has no commits yet.',
      'Call again without amend.',
    );
  const remotes = await gitCall(repo.dir, repo.call, (git) =>
    git.raw(['for-each-ref', '--contains', head, '--format=%(refname:short)', 'refs/remotes']),
  );
  const published = remotes.split('\n').filter(Boolean);
  if (published.length) {
    throw conflict(
      `The last commit is already on ${published.slice(0, 3).join(', ')}; amending it would rewrite published history.`,
      'Make a new commit instead (amend: false).',
    );
  }
}

function refine(error: unknown): never {
  const message = gitMessage(error);
  if (/identity unknown|auto-detection is disabled|no (name|email) was given|empty ident/i.test(message)) {
    throw invalidInput(
      'git has no author identity: user.name and user.email are not set in the repository or global config.',
      'Set them once with `git config --global user.name "Your Name"` and `git config --global user.email you@example.com` (or without --global inside the repository), then call again.',
    );
  }
  if (/unmerged files|unresolved conflict/i.test(message))
    throw conflict(
      `The repository has unresolved conflicts: ${message.split('\n')[0]}`,
      'Resolve them, stage the files with git_add, then commit.',
    );
  throw error;
}

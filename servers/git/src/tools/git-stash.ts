import { conflict, invalidInput, notFound, structured, z } from '@bastion-mcp/runtime';
import { blockedByChanges, gitRun, lookup, short, unmergedFiles } from '../lib/branching.js';
import { repoPathField } from '../lib/fields.js';
import { openRepo, type Repo } from '../lib/repo.js';
import { tool } from '../tool.js';

const entry = z.object({
  index: z.number().describe('Position: 0 is the most recent (stash@{0})'),
  branch: z.string().describe('Branch the changes were stashed on'),
  message: z.string().describe('The message, or "WIP" and the commit it was based on'),
  commit: z.string().describe('Full hash of the stash commit (can re-apply it after a drop until git gc)'),
  date: z.string().describe('When it was stashed, ISO 8601'),
});
type Entry = z.output<typeof entry>;

export const gitStash = tool({
  name: 'git_stash',
  title: 'Stash changes',
  description:
    'Set uncommitted changes aside and bring them back. action: list; push (save and clean the working tree; message, include_untracked); pop or apply (restore entry index, default 0; pop also removes it); drop (delete entry index for good; needs confirm: true).',
  kind: 'destructive',
  input: z.object({
    repo_path: repoPathField,
    action: z.enum(['list', 'push', 'pop', 'apply', 'drop']).describe('What to do (see the description)'),
    message: z.string().min(1).optional().describe('push only: a message for the new entry'),
    index: z.number().int().nonnegative().optional().describe('pop, apply, drop: which entry (default 0)'),
    include_untracked: z.boolean().optional().describe('push only: also stash untracked files'),
    confirm: z.boolean().default(false).describe('drop only: must be true, as the entry is deleted for good'),
  }),
  output: z.object({
    action: z.string().describe('The action done'),
    entries: z
      .array(entry)
      .describe('list: every entry; push: the new entry; pop, apply, drop: the entry used'),
  }),
  async handle(input, ctx) {
    const { action } = input;
    if (action !== 'push' && (input.message !== undefined || input.include_untracked !== undefined)) {
      throw invalidInput('message and include_untracked apply only to action "push".', 'Leave them out.');
    }
    if ((action === 'list' || action === 'push') && input.index !== undefined) {
      throw invalidInput(`index does not apply to action "${action}".`, 'Leave it out.');
    }
    const repo = await openRepo(ctx, input.repo_path);
    const entries = await list(repo);
    if (action === 'list') {
      const text = entries.map((e) => `stash@{${e.index}} ${short(e.commit)} ${e.branch}: ${e.message}`);
      return structured({ action, entries }, text.join('\n') || 'No stash entries.');
    }
    if (action === 'push') return push(repo, input.message, input.include_untracked ?? false);
    const index = input.index ?? 0;
    const target = entries[index];
    if (!target) {
      throw notFound(
        `There is no stash entry ${index} (${entries.length ? `0 to ${entries.length - 1} exist` : 'the stash is empty'}).`,
        'List entries with action "list".',
      );
    }
    const ref = `stash@{${index}}`;
    const what = `${ref} (${target.branch}: ${target.message})`;
    if (action === 'drop') {
      if (!input.confirm) {
        throw invalidInput(
          `Dropping ${what} deletes its changes for good (commit ${short(target.commit)}, recoverable only by hash until git gc); it needs confirm: true.`,
          'Call again with confirm: true if that is intended, or use pop to apply and remove it.',
        );
      }
      await gitRun(repo, ['stash', 'drop', '--quiet', ref]);
      return structured({ action, entries: [target] }, `Dropped ${what}. Its commit was ${target.commit}.`);
    }
    const before = await unmergedFiles(repo);
    if (before.length) {
      throw conflict(
        `Cannot apply ${ref} while files have unresolved conflicts: ${before.join(', ')}.`,
        'Resolve them and git_add them, or abort the merge in progress (git_merge with abort: true).',
      );
    }
    try {
      await gitRun(repo, ['stash', action, ref], (message) => blockedByChanges(message, `Applying ${ref}`));
    } catch (error) {
      await reportConflicts(repo, what, action);
      throw error;
    }
    await reportConflicts(repo, what, action);
    const kept = action === 'apply' ? ' It is kept in the stash.' : ' It was removed from the stash.';
    return structured({ action, entries: [target] }, `Applied ${what}.${kept}`);
  },
});

async function reportConflicts(repo: Repo, what: string, action: string): Promise<void> {
  const files = await unmergedFiles(repo);
  if (!files.length) return;
  throw conflict(
    `Applying ${what} left conflicts in ${files.length} file(s): ${files.join(', ')}. The entry is still in the stash${action === 'pop' ? ' (pop keeps it on conflict)' : ''}.`,
    'Edit the files to resolve the conflict markers and git_add them (then drop the entry), or discard the changes with git_restore.',
  );
}

async function push(repo: Repo, message: string | undefined, untracked: boolean) {
  if (!(await lookup(repo, 'HEAD'))) {
    throw conflict('There is nothing to stash on: the repository has no commits yet.', 'Commit first.');
  }
  const args = [
    'stash',
    'push',
    ...(untracked ? ['--include-untracked'] : []),
    ...(message ? [`--message=${message}`] : []),
  ];
  const out = await gitRun(repo, args);
  if (/No local changes to save/.test(out)) {
    throw conflict(
      `There are no local changes to stash${untracked ? '' : ' (untracked files are left alone without include_untracked)'}.`,
      'git_status shows what is changed.',
    );
  }
  const [created] = await list(repo);
  return structured(
    { action: 'push', entries: created ? [created] : [] },
    `Saved the changes as stash@{0}${created ? ` (${created.branch}: ${created.message})` : ''}; the working tree is clean.`,
  );
}

async function list(repo: Repo): Promise<Entry[]> {
  const raw = await gitRun(repo, ['stash', 'list', '--format=%x1e%H%x00%cI%x00%gs']);
  return raw
    .split('\x1e')
    .slice(1)
    .map((record, index) => {
      const [commit = '', date = '', subject = ''] = record.replace(/\n$/, '').split('\0');
      const match = /^(?:WIP on|On) ([^:]*): (.*)$/s.exec(subject);
      return { index, commit, date, branch: match?.[1] ?? '', message: match?.[2] ?? subject };
    });
}

import { conflict, invalidInput, structured, z } from '@bastion-mcp/runtime';
import {
  blockedByChanges,
  currentBranch,
  gitRun,
  lookup,
  resolveCommit,
  short,
  unmergedFiles,
} from '../lib/branching.js';
import { repoPathField } from '../lib/fields.js';
import { revision } from '../lib/refs.js';
import { openRepo, type Repo } from '../lib/repo.js';
import { tool } from '../tool.js';

const ABORT_FIX =
  'Resolve the conflict markers in those files, git_add them and git_commit to finish; or call git_merge with abort: true to go back to where you were.';

export const gitMerge = tool({
  name: 'git_merge',
  title: 'Merge a branch',
  description:
    "Merge a branch (or any revision) into the current branch, never interactively. mode 'ff_only' (default) only fast-forwards; 'no_ff' always makes a merge commit (message optional). On conflicts the merge stops and lists the files; abort: true undoes a stopped merge.",
  kind: 'write',
  input: z.object({
    repo_path: repoPathField,
    branch: z.string().optional().describe('What to merge: a branch, tag or commit (required unless abort)'),
    mode: z
      .enum(['ff_only', 'no_ff'])
      .default('ff_only')
      .describe("'ff_only' (default): fast-forward or refuse; 'no_ff': always create a merge commit"),
    message: z.string().min(1).optional().describe("Message of the merge commit (mode 'no_ff' only)"),
    abort: z.boolean().default(false).describe('Abort the merge in progress instead (no other field)'),
  }),
  output: z.object({
    result: z.enum(['fast_forward', 'merge_commit', 'up_to_date', 'aborted']).describe('What happened'),
    head: z.string().describe('Full hash of HEAD afterwards'),
    previous_head: z.string().describe('Full hash of HEAD before'),
    branch: z.string().nullable().describe('The current branch (null when HEAD is detached)'),
  }),
  async handle(input, ctx) {
    if (input.abort && (input.branch !== undefined || input.message !== undefined)) {
      throw invalidInput('abort: true takes no branch or message.', 'Call with abort: true alone.');
    }
    if (!input.abort && input.branch === undefined) {
      throw invalidInput('branch is required (or abort: true).', 'Pass the branch to merge, e.g. feature/x.');
    }
    if (input.message !== undefined && input.mode === 'ff_only') {
      throw invalidInput(
        "message applies only to mode 'no_ff' (a fast-forward makes no commit).",
        "Leave message out, or pass mode: 'no_ff'.",
      );
    }
    const target = input.branch === undefined ? undefined : revision(input.branch, 'branch');
    const repo = await openRepo(ctx, input.repo_path);
    const inProgress = Boolean(await lookup(repo, 'MERGE_HEAD'));
    const previous = await lookup(repo, 'HEAD');
    const branch = await currentBranch(repo);
    if (!target) {
      if (!inProgress)
        throw conflict('No merge is in progress; there is nothing to abort.', 'Check git_status.');
      await gitRun(repo, ['merge', '--abort']);
      const head = await lookup(repo, 'HEAD');
      return structured(
        { result: 'aborted', head, previous_head: previous, branch },
        `Aborted the merge; ${branch ?? 'HEAD'} is back at ${short(head)}.`,
      );
    }
    if (inProgress) {
      throw conflict('A merge is already in progress.', `Finish it or abort it. ${ABORT_FIX}`);
    }
    const merged = await resolveCommit(repo, target, 'branch');
    await merge(repo, input.mode, target, input.message);
    const head = await lookup(repo, 'HEAD');
    const parents = (await gitRun(repo, ['rev-list', '--parents', '-n', '1', head])).trim().split(' ');
    const result = head === previous ? 'up_to_date' : parents.length > 2 ? 'merge_commit' : 'fast_forward';
    const into = branch ?? 'HEAD';
    const text = {
      up_to_date: `Already up to date: ${into} contains ${target} (${short(merged)}).`,
      fast_forward: `Fast-forwarded ${into} from ${short(previous)} to ${short(head)} (${target}).`,
      merge_commit: `Merged ${target} into ${into} with merge commit ${short(head)}.`,
    }[result];
    return structured({ result, head, previous_head: previous, branch }, text);
  },
});

async function merge(repo: Repo, mode: 'ff_only' | 'no_ff', target: string, message: string | undefined) {
  const args = ['merge', '--no-edit', mode === 'ff_only' ? '--ff-only' : '--no-ff'];
  if (message !== undefined) args.push(`--message=${message}`);
  args.push('--end-of-options', target);
  const stopped = async () => {
    const files = await unmergedFiles(repo);
    if (!files.length) return;
    throw conflict(
      `Merging ${target} stopped with conflicts in ${files.length} file(s): ${files.join(', ')}. The merge is in progress.`,
      ABORT_FIX,
    );
  };
  try {
    await gitRun(repo, args, (message) => refine(message, target));
  } catch (error) {
    await stopped();
    throw error;
  }
  await stopped();
}

function refine(message: string, target: string) {
  const blocked = blockedByChanges(message, `Merging ${target}`);
  if (blocked) return blocked;
  if (/Not possible to fast-forward/.test(message)) {
    return conflict(
      `The current branch and ${target} have diverged, so mode 'ff_only' cannot fast-forward; nothing was changed.`,
      "Pass mode: 'no_ff' to create a merge commit.",
    );
  }
  if (/unrelated histories/.test(message)) {
    return conflict(`${target} shares no history with the current branch; nothing was merged.`);
  }
  return undefined;
}

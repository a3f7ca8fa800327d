import { conflict, invalidInput, notFound, structured, z } from '@bastion-mcp/runtime';
import { currentBranch, gitRun, lookup, short } from '../lib/branching.js';
import { repoPathField } from '../lib/fields.js';
import { refName } from '../lib/refs.js';
import { openRepo, type Repo } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitDeleteBranch = tool({
  name: 'git_delete_branch',
  title: 'Delete a branch',
  description:
    'Delete a local branch. Refuses the current branch, and a branch with commits not merged into its upstream or HEAD unless force is true. Needs confirm: true.',
  kind: 'destructive',
  input: z.object({
    repo_path: repoPathField,
    branch_name: z.string().describe('The local branch to delete'),
    force: z
      .boolean()
      .default(false)
      .describe('Delete even if it has commits not merged into its upstream or HEAD (git branch -D)'),
    confirm: z
      .boolean()
      .default(false)
      .describe('Must be true: deleting a branch removes the name of its commits, which may then be lost'),
  }),
  output: z.object({
    deleted: z.string().describe('The branch deleted'),
    commit: z.string().describe('Full hash it pointed to (recreate it with git_create_branch from this)'),
    forced: z.boolean().describe('True when it was deleted with force'),
  }),
  async handle(input, ctx) {
    const name = refName(input.branch_name, 'branch_name');
    const repo = await openRepo(ctx, input.repo_path);
    const commit = await lookup(repo, `refs/heads/${name}`);
    if (!commit) {
      throw notFound(`branch_name "${name}" is not a local branch.`, 'List local branches with git_branch.');
    }
    const current = await currentBranch(repo);
    if (current === name) {
      throw conflict(
        `"${name}" is the current branch and cannot be deleted.`,
        'Switch to another branch with git_checkout first.',
      );
    }
    const unmerged = await countOnlyOn(repo, name);
    if (!input.confirm) {
      const loss = unmerged
        ? `; ${unmerged} of its commits are not on ${current ?? 'HEAD'} and would be reachable only by hash`
        : '';
      throw invalidInput(
        `Deleting branch "${name}" (at ${short(commit)}) needs confirm: true${loss}.`,
        'Call again with confirm: true if that is intended.',
      );
    }
    await gitRun(repo, ['branch', input.force ? '-D' : '-d', '--end-of-options', name], (message) =>
      /not fully merged/.test(message)
        ? conflict(
            `Branch "${name}" has commits not merged into its upstream or HEAD${unmerged ? ` (${unmerged} not on ${current ?? 'HEAD'})` : ''}; it was kept.`,
            'Merge it first (git_merge), or pass force: true to delete it anyway.',
          )
        : /checked out at/.test(message)
          ? conflict(`Branch "${name}" is checked out in another worktree; it was kept.`)
          : undefined,
    );
    return structured(
      { deleted: name, commit, forced: input.force },
      `Deleted branch '${name}' (was ${short(commit)}). To undo: git_create_branch with branch_name "${name}" and base_branch "${commit}".`,
    );
  },
});

/** Commits on the branch that HEAD does not contain (0 when HEAD has no commits). */
async function countOnlyOn(repo: Repo, name: string): Promise<number> {
  if (!(await lookup(repo, 'HEAD'))) return 0;
  const out = await gitRun(repo, ['rev-list', '--count', `HEAD..refs/heads/${name}`]);
  return Number(out.trim()) || 0;
}

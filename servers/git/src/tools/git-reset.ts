import { MAX_PATH_CHARS, structured, z } from '@bastion-mcp/runtime';
import { changeLines, changeSchema, nameStatus } from '../lib/changes.js';
import { repoPathField } from '../lib/fields.js';
import { gitCall } from '../lib/git.js';
import { openRepo, repoPaths } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitReset = tool({
  name: 'git_reset',
  title: 'Unstage changes',
  description:
    'Unstage all staged changes (git reset), or only those under files. The working tree is never touched: the changes stay there, unstaged. To discard changes use git_restore.',
  kind: 'write',
  input: z.object({
    repo_path: repoPathField,
    files: z
      .array(z.string().max(MAX_PATH_CHARS).min(1))
      .min(1)
      .optional()
      .describe(
        'Only unstage these files or folders (inside the repository); all staged changes when omitted',
      ),
  }),
  output: z.object({
    unstaged: z.array(changeSchema).describe('The changes that were staged and no longer are'),
  }),
  async handle(input, ctx) {
    const repo = await openRepo(ctx, input.repo_path);
    const paths = input.files ? await repoPaths(ctx, repo, input.files) : [];
    const unstaged = await nameStatus(repo, ['--cached', '--', ...paths]);
    if (unstaged.length === 0)
      return structured(
        { unstaged },
        input.files ? `Nothing staged under ${input.files.join(', ')}.` : 'Nothing was staged.',
      );
    // `git reset -- <paths>` (always with paths, "." for all) copies HEAD's entries into the index
    // and nothing else: the work tree is not written, HEAD does not move, and unlike a bare
    // `git reset` it leaves a merge in progress alone. With no commits yet it empties the index.
    await gitCall(repo.dir, repo.call, (git) =>
      git.raw(['reset', '--quiet', '--', ...(paths.length ? paths : ['.'])]),
    );
    return structured({ unstaged }, [`Unstaged (${unstaged.length}):`, ...changeLines(unstaged)].join('\n'));
  },
});

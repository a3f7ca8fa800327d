import { z } from '@bastion-mcp/runtime';
import { diffFields, diffOutput, runDiff } from '../lib/diff-args.js';
import { repoPathField } from '../lib/fields.js';
import { openRepo } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitDiffUnstaged = tool({
  name: 'git_diff_unstaged',
  title: 'Diff of unstaged changes',
  description:
    'Show the changes in the working tree that are not staged yet (git diff), as a unified diff. structuredContent lists each file with its insertion and deletion counts. Untracked files are not included.',
  kind: 'read',
  input: z.object({ repo_path: repoPathField, ...diffFields }),
  output: diffOutput,
  async handle(input, ctx) {
    const repo = await openRepo(ctx, input.repo_path);
    return runDiff(ctx, repo, input, { selection: [], empty: 'No unstaged changes.' });
  },
});

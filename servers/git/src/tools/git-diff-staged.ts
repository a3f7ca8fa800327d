import { z } from '@bastion-mcp/runtime';
import { diffFields, diffOutput, runDiff } from '../lib/diff-args.js';
import { repoPathField } from '../lib/fields.js';
import { openRepo } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitDiffStaged = tool({
  name: 'git_diff_staged',
  title: 'Diff of staged changes',
  description:
    'Show the changes staged for the next commit (git diff --cached), as a unified diff. structuredContent lists each file with its insertion and deletion counts.',
  kind: 'read',
  input: z.object({ repo_path: repoPathField, ...diffFields }),
  output: diffOutput,
  async handle(input, ctx) {
    const repo = await openRepo(ctx, input.repo_path);
    return runDiff(ctx, repo, input, { selection: ['--cached'], empty: 'No staged changes.' });
  },
});

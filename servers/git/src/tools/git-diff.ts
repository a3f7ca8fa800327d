import { z } from '@bastion-mcp/runtime';
import { diffFields, diffOutput, runDiff } from '../lib/diff-args.js';
import { repoPathField } from '../lib/fields.js';
import { revisionRange } from '../lib/refs.js';
import { openRepo } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitDiff = tool({
  name: 'git_diff',
  title: 'Diff against a revision',
  description:
    'Show the differences between the working tree and a branch, tag or commit (target: main, HEAD~1), or between two revisions (target: main..feature; main...feature diffs from their merge base). structuredContent lists each file with its insertion and deletion counts.',
  kind: 'read',
  input: z.object({
    repo_path: repoPathField,
    target: z
      .string()
      .min(1)
      .describe(
        'A revision to compare the working tree with (HEAD~1, main, v1.0, a hash), or a range A..B / A...B',
      ),
    ...diffFields,
  }),
  output: diffOutput,
  async handle(input, ctx) {
    const target = revisionRange(input.target, 'target');
    const repo = await openRepo(ctx, input.repo_path);
    return runDiff(ctx, repo, input, {
      selection: ['--end-of-options', target],
      revisionField: `target "${target}"`,
      empty: `No differences against ${target}.`,
    });
  },
});

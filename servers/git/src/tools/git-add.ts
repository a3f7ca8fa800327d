import { MAX_PATH_CHARS, notFound, structured, z } from '@bastion-mcp/runtime';
import { changeLines, changeSchema, gitMessage, nameStatus } from '../lib/changes.js';
import { repoPathField } from '../lib/fields.js';
import { gitCall } from '../lib/git.js';
import { openRepo, repoPaths } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitAdd = tool({
  name: 'git_add',
  title: 'Stage files',
  description:
    'Stage files for the next commit (git add): new, modified and deleted files under the given paths. "." stages everything in the repository. Returns what is now staged under those paths.',
  kind: 'write',
  input: z.object({
    repo_path: repoPathField,
    files: z
      .array(z.string().max(MAX_PATH_CHARS).min(1))
      .min(1)
      .describe('Files or folders to stage, inside the repository ("." for everything)'),
  }),
  output: z.object({
    staged: z.array(changeSchema).describe('The staged changes under the given paths after the call'),
    ignored: z.array(z.string()).describe('Paths left out because .gitignore ignores them'),
  }),
  async handle(input, ctx) {
    const repo = await openRepo(ctx, input.repo_path);
    const paths = await repoPaths(ctx, repo, input.files);
    // git stages the other paths and fails only at the end when some are ignored: report those.
    const ignored = await gitCall(repo.dir, repo.call, (git) => git.raw(['add', '--', ...paths])).then(
      (): string[] => [],
      async (error) => {
        const message = gitMessage(error);
        if (/did not match any files/.test(message))
          throw notFound(`files: ${message}.`, 'Pass files that exist (git_status lists changed ones).');
        if (!/ignored by one of your \.gitignore/.test(message)) throw error;
        const out = await gitCall(repo.dir, repo.call, (git) => git.raw(['check-ignore', '--', ...paths]));
        return out.split('\n').filter(Boolean);
      },
    );
    const staged = await nameStatus(repo, ['--cached', '--', ...paths]);
    const lines = staged.length
      ? [`Staged (${staged.length}):`, ...changeLines(staged)]
      : [`Nothing staged under ${input.files.join(', ')}: no changes there.`];
    if (ignored.length) lines.push(`Not staged, ignored by .gitignore: ${ignored.join(', ')}`);
    return structured({ staged, ignored }, lines.join('\n'));
  },
});

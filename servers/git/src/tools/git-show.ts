import { structured, z } from '@bastion-mcp/runtime';
import { resolveCommit } from '../lib/branching.js';

import { COMMIT_FORMAT, type CommitWithParents, commitSchema, parseCommits } from '../lib/commits.js';
import { diffFields, diffOutput, MAX_FILES, parseNumstat } from '../lib/diff-args.js';
import { repoPathField } from '../lib/fields.js';
import { gitCall } from '../lib/git.js';
import { revision } from '../lib/refs.js';
import { openRepo, repoPaths } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitShow = tool({
  name: 'git_show',
  title: 'Show a commit',
  description:
    "A commit's metadata and its diff (a merge is diffed against its first parent). Narrow with paths, stat_only or context_lines.",
  kind: 'read',
  input: z.object({
    repo_path: repoPathField,
    revision: z.string().describe('The commit to show: a hash, branch, tag, or e.g. HEAD~2'),
    ...diffFields,
  }),
  output: commitSchema
    .extend({ parents: z.array(z.string()).describe('Parent hashes') })
    .extend(diffOutput.shape),
  async handle(input, ctx) {
    const repo = await openRepo(ctx, input.repo_path);
    const hash = await resolveCommit(repo, revision(input.revision, 'revision'), 'revision');
    const paths = input.paths ? await repoPaths(ctx, repo, input.paths) : [];
    const show = (args: string[]) =>
      gitCall(repo.dir, repo.call, (git) =>
        git.raw([
          'show',
          '--no-ext-diff',
          '--no-textconv',
          '--no-color',
          '--no-show-signature',
          '--find-renames',
          '--diff-merges=first-parent',
          ...args,
          '--end-of-options',
          hash,
          '--',
          ...paths,
        ]),
      );
    const [commit] = parseCommits(
      await gitCall(repo.dir, repo.call, (git) =>
        git.raw(['log', ...COMMIT_FORMAT, '--max-count=1', '--end-of-options', hash, '--']),
      ),
    );
    if (!commit) throw new Error(`git log printed nothing for ${hash}`);
    const files = parseNumstat(await show(['--format=', '--numstat', '-z']));
    const totals = {
      file_count: files.length,
      insertions: files.reduce((n, f) => n + f.insertions, 0),
      deletions: files.reduce((n, f) => n + f.deletions, 0),
    };
    const data = { ...commit, files: files.slice(0, MAX_FILES), ...totals };
    const summary = `${totals.file_count} file${totals.file_count === 1 ? '' : 's'} changed${paths.length ? ' (in the paths given)' : ''}, ${totals.insertions} insertions(+), ${totals.deletions} deletions(-)`;
    const head = [...header(commit), '', summary];
    if (input.stat_only || files.length === 0) {
      const lines = files.map((f) =>
        f.binary
          ? `bin ${f.path}`
          : `+${f.insertions} -${f.deletions} ${f.from ? `${f.from} => ` : ''}${f.path}`,
      );
      return structured(data, [...head, ...lines].join('\n'), {
        rest: 'Narrow it with paths; structuredContent lists the first files with their counts.',
      });
    }
    const patch = await show(['--format=', '--patch', `--unified=${input.context_lines}`]);
    return structured(data, `${head.join('\n')}\n\n${patch.replace(/^\n+/, '')}`, {
      rest: 'Narrow the diff with paths (the files are listed in structuredContent), pass stat_only: true, or lower context_lines.',
    });
  },
});

function header(c: CommitWithParents): string[] {
  return [
    `commit ${c.hash}`,
    ...(c.parents.length > 1 ? [`Merge: ${c.parents.map((p) => p.slice(0, 12)).join(' ')}`] : []),
    `Author: ${c.author} <${c.email}>`,
    `Date:   ${c.date}`,
    '',
    `    ${c.subject}`,
    ...(c.body ? ['', ...c.body.split('\n').map((l) => (l ? `    ${l}` : ''))] : []),
  ];
}

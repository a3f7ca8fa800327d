import { conflict, structured, z } from '@bastion-mcp/runtime';
import { gitRun, lookup, resolveCommit, short } from '../lib/branching.js';
import { repoPathField } from '../lib/fields.js';
import { refName, revision } from '../lib/refs.js';
import { openRepo } from '../lib/repo.js';
import { tool } from '../tool.js';

export const gitCreateTag = tool({
  name: 'git_create_tag',
  title: 'Create a tag',
  description:
    'Create a tag on a commit (default: HEAD). With a message it is an annotated tag (tagger, date, message); without, a lightweight one. Never moves an existing tag.',
  kind: 'write',
  input: z.object({
    repo_path: repoPathField,
    name: z.string().describe('Name of the new tag, e.g. v1.2.0'),
    message: z.string().min(1).optional().describe('Message of an annotated tag; omit for a lightweight tag'),
    revision: z.string().optional().describe('The commit to tag: a branch, tag or hash (default: HEAD)'),
  }),
  output: z.object({
    name: z.string().describe('The tag created'),
    annotated: z.boolean().describe('True for an annotated tag'),
    target: z.string().describe('Full hash of the commit tagged'),
  }),
  async handle(input, ctx) {
    const name = refName(input.name, 'name');
    const rev = input.revision === undefined ? 'HEAD' : revision(input.revision, 'revision');
    const repo = await openRepo(ctx, input.repo_path);
    const target = await resolveCommit(repo, rev, 'revision');
    const existing = await lookup(repo, `refs/tags/${name}`);
    if (existing) {
      throw conflict(
        `A tag named "${name}" already exists; nothing was changed.`,
        'Pick another name (list tags with git_tag). Tags are not moved by this server.',
      );
    }
    // --message=: simple-git's argument scanner would read a separate value starting with "-c " as an option.
    const annotate = input.message === undefined ? [] : ['-a', `--message=${input.message}`];
    await gitRun(repo, ['tag', ...annotate, '--end-of-options', name, target]);
    const annotated = input.message !== undefined;
    return structured(
      { name, annotated, target },
      `Created ${annotated ? 'annotated' : 'lightweight'} tag '${name}' on ${short(target)}${rev === 'HEAD' ? '' : ` (${rev})`}.`,
    );
  },
});

import { z } from '@bastion-mcp/runtime';
import { cleanRef } from '../lib/paths.js';
import { writeResult } from '../lib/render.js';
import { gh, inRepo, listPage, pageInput, repoInput, tool, webUrl } from '../tool.js';

export const createBranch = tool({
  name: 'create_branch',
  title: 'Create a branch',
  description: 'Create a branch from another branch (default: the repository default branch).',
  kind: 'write',
  openWorld: true,
  toolset: 'repos',
  input: z.object({
    ...repoInput,
    branch: z.string().min(1).max(255).describe('Name of the new branch'),
    from_branch: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .describe('Branch to start from (default: the default branch)'),
  }),
  async handle({ owner, repo, branch, from_branch }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const name = cleanRef(branch, 'branch');
    const from =
      from_branch !== undefined
        ? cleanRef(from_branch, 'from_branch')
        : (await gh(ctx, full, (api) => api.rest.repos.get({ owner, repo }))).data.default_branch;
    const { data: base } = await gh(ctx, `${full} branch ${from}`, (api) =>
      api.rest.git.getRef({ owner, repo, ref: `heads/${from}` }),
    );
    await gh(ctx, `${full} branch ${name}`, (api) =>
      api.rest.git.createRef({ owner, repo, ref: `refs/heads/${name}`, sha: base.object.sha }),
    );
    return writeResult(`Created branch ${name} from ${from}`, {
      id: name,
      url: webUrl(ctx, `${full}/tree/${name}`),
      sha: base.object.sha,
    });
  },
});

export const listBranches = tool({
  name: 'list_branches',
  title: 'List branches',
  description: 'Branches of a repository with their head commit.',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({ ...repoInput, ...pageInput }),
  async handle({ owner, repo, perPage, cursor }, ctx) {
    return listPage(ctx, {
      source: `branches of ${inRepo(ctx, owner, repo)}`,
      perPage,
      cursor,
      send: (api, page) => api.rest.repos.listBranches({ owner, repo, per_page: perPage, page }),
      compact: (b) => ({ name: b.name, sha: b.commit.sha, protected: b.protected }),
      line: (b) => `${b.name} ${b.sha.slice(0, 7)}${b.protected ? ' (protected)' : ''}`,
    });
  },
});

import { accessDenied, z } from '@bastion-mcp/runtime';
import { writeResult } from '../lib/render.js';
import { type Ctx, either, gh, inRepo, repoInput, tool } from '../tool.js';
import { pullNumber } from './pull-request-read.js';
import { sha40 } from './pull-request-writes.js';

/** pullNumber, or the reference server's pull_number: one of them (read with `either`). */
const eitherPullNumber = {
  pullNumber: pullNumber.optional().describe('Pull request number (required)'),
  pull_number: pullNumber.optional().describe("Same as pullNumber (the reference server's field name)"),
};

export const mergePullRequest = tool({
  name: 'merge_pull_request',
  title: 'Merge a pull request',
  description: 'Merge a pull request (merge, squash or rebase).',
  kind: 'write',
  openWorld: true,
  toolset: 'pull_requests',
  input: z.object({
    ...repoInput,
    ...eitherPullNumber,
    commit_title: z.string().max(256).optional().describe('Title of the merge commit'),
    commit_message: z.string().max(65_536).optional().describe('Extra detail for the merge commit'),
    merge_method: z.enum(['merge', 'squash', 'rebase']).default('merge').describe('How to merge'),
    sha: z
      .string()
      .regex(/^[0-9a-f]{40}$/i)
      .optional()
      .describe('Merge only if the head is still this SHA'),
  }),
  async handle(input, ctx) {
    const { owner, repo } = input;
    const pull_number = either(input.pullNumber, input.pull_number, 'pullNumber');
    const full = inRepo(ctx, owner, repo);
    const { data } = await gh(ctx, `pull request ${full}#${pull_number}`, (api) =>
      api.rest.pulls.merge({
        owner,
        repo,
        pull_number,
        merge_method: input.merge_method,
        ...(input.commit_title ? { commit_title: input.commit_title } : {}),
        ...(input.commit_message ? { commit_message: input.commit_message } : {}),
        ...(input.sha ? { sha: input.sha } : {}),
      }),
    );
    return writeResult(`Merged #${pull_number}`, {
      id: data.sha,
      number: pull_number,
      url: `${ctx.state.host.web}/${full}/pull/${pull_number}`,
      merged: data.merged,
    });
  },
});

export const updatePullRequestBranch = tool({
  name: 'update_pull_request_branch',
  title: 'Update a pull request branch',
  description: "Merge the base branch into the pull request's head branch.",
  kind: 'write',
  openWorld: true,
  toolset: 'pull_requests',
  input: z.object({
    ...repoInput,
    ...eitherPullNumber,
    expectedHeadSha: sha40.optional().describe('Update only if the head is still this SHA'),
    expected_head_sha: sha40
      .optional()
      .describe("Same as expectedHeadSha (the reference server's field name)"),
  }),
  async handle({ owner, repo, ...input }, ctx) {
    const pull_number = either(input.pullNumber, input.pull_number, 'pullNumber');
    const expectedHeadSha = input.expectedHeadSha ?? input.expected_head_sha;
    const full = inRepo(ctx, owner, repo);
    if (ctx.state.policy.restricted) await checkHeadRepo(ctx, owner, repo, pull_number);
    const { data } = await gh(ctx, `pull request ${full}#${pull_number}`, (api) =>
      api.rest.pulls.updateBranch({
        owner,
        repo,
        pull_number,
        ...(expectedHeadSha ? { expected_head_sha: expectedHeadSha } : {}),
      }),
    );
    return writeResult(`Branch update of #${pull_number} started`, {
      number: pull_number,
      url: data.url ?? `${ctx.state.host.web}/${full}/pull/${pull_number}`,
      message: data.message,
    });
  },
});

/**
 * The branch update is a commit on the head branch, which may live in a fork: under --repos that
 * repository must be in the list too (the pull request itself is read from the allowed one).
 */
async function checkHeadRepo(ctx: Ctx, owner: string, repo: string, pull_number: number) {
  const { data } = await gh(ctx, `pull request ${owner}/${repo}#${pull_number}`, (api) =>
    api.rest.pulls.get({ owner, repo, pull_number }),
  );
  const head = data.head.repo;
  if (!head) throw accessDenied(`the head repository of #${pull_number} was deleted.`, 'Nothing to update.');
  inRepo(ctx, head.owner.login, head.name, 'the head repository');
}

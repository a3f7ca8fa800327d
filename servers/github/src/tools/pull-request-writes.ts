import { invalidInput, z } from '@bastion-mcp/runtime';
import { checkHead } from '../lib/fork-head.js';
import { cleanRef } from '../lib/paths.js';
import { writeResult } from '../lib/render.js';
import { gh, inRepo, repoInput, tool } from '../tool.js';
import { requestReviewers, reviewersField, setDraft, splitReviewers } from './pull-request-extras.js';
import { pullNumber } from './pull-request-read.js';

export const sha40 = z.string().regex(/^[0-9a-f]{40}$/i);

export const createPullRequest = tool({
  name: 'create_pull_request',
  title: 'Create a pull request',
  description: 'Open a pull request from head (branch, or owner:branch for a fork) into base.',
  kind: 'write',
  openWorld: true,
  toolset: 'pull_requests',
  input: z.object({
    ...repoInput,
    title: z.string().min(1).max(256).describe('Title'),
    head: z.string().min(1).max(300).describe('Branch with the changes (owner:branch for a fork)'),
    base: z.string().min(1).max(255).describe('Branch to merge into'),
    body: z.string().max(65_536).optional().describe('Description in Markdown'),
    draft: z.boolean().default(false).describe('Open as a draft'),
    maintainer_can_modify: z.boolean().optional().describe('Let maintainers push to the head branch'),
    reviewers: reviewersField,
  }),
  async handle(input, ctx) {
    const { owner, repo } = input;
    const full = inRepo(ctx, owner, repo);
    const head = await checkHead(ctx, owner, repo, input.head);
    const base = cleanRef(input.base, 'base');
    const reviewers = splitReviewers(owner, input.reviewers);
    const { data } = await gh(ctx, `new pull request in ${full}`, (api) =>
      api.rest.pulls.create({
        owner,
        repo,
        title: input.title,
        head,
        base,
        draft: input.draft,
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.maintainer_can_modify !== undefined
          ? { maintainer_can_modify: input.maintainer_can_modify }
          : {}),
      }),
    );
    const done = `Opened #${data.number}`;
    if (reviewers) await requestReviewers(ctx, { owner, repo, pull_number: data.number, done }, reviewers);
    return writeResult(done, { id: data.id, number: data.number, url: data.html_url });
  },
});

export const updatePullRequest = tool({
  name: 'update_pull_request',
  title: 'Update a pull request',
  description:
    'Change the title, body, state, base branch, draft state or maintainer access of a pull request; request reviewers.',
  kind: 'write',
  openWorld: true,
  toolset: 'pull_requests',
  input: z.object({
    ...repoInput,
    pullNumber,
    title: z.string().min(1).max(256).optional().describe('New title'),
    body: z.string().max(65_536).optional().describe('New description'),
    state: z.enum(['open', 'closed']).optional().describe('Close or reopen'),
    base: z.string().min(1).max(255).optional().describe('New base branch'),
    maintainer_can_modify: z.boolean().optional().describe('Let maintainers push to the head branch'),
    draft: z.boolean().optional().describe('true: convert to a draft; false: mark ready for review'),
    reviewers: reviewersField,
  }),
  async handle(input, ctx) {
    const { owner, repo, pullNumber: pull_number } = input;
    const full = inRepo(ctx, owner, repo);
    const what = `pull request ${full}#${pull_number}`;
    const reviewers = splitReviewers(owner, input.reviewers);
    const changes = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.state ? { state: input.state } : {}),
      ...(input.base ? { base: cleanRef(input.base, 'base') } : {}),
      ...(input.maintainer_can_modify !== undefined
        ? { maintainer_can_modify: input.maintainer_can_modify }
        : {}),
    };
    if (!Object.keys(changes).length && input.draft === undefined && !reviewers)
      throw invalidInput(
        'nothing to change.',
        'Pass at least one of title, body, state, base, maintainer_can_modify, draft, reviewers.',
      );
    const { data } = await gh(ctx, what, (api) =>
      Object.keys(changes).length
        ? api.rest.pulls.update({ owner, repo, pull_number, ...changes })
        : api.rest.pulls.get({ owner, repo, pull_number }),
    );
    const done = `Updated #${data.number}`;
    if (input.draft !== undefined && input.draft !== data.draft) {
      const changed = Object.keys(changes).length ? done : undefined;
      await setDraft(ctx, what, data.node_id, input.draft, changed);
    }
    if (reviewers) await requestReviewers(ctx, { owner, repo, pull_number, done }, reviewers);
    return writeResult(done, { id: data.id, number: data.number, url: data.html_url });
  },
});

import { invalidInput, notFound, z } from '@bastion-mcp/runtime';
import { writeResult } from '../lib/render.js';
import { type Ctx, gh, inRepo, repoInput, tool } from '../tool.js';
import { pullNumber } from './pull-request-read.js';
import { setThreadResolved } from './review-threads.js';

/** The token user's pending review on a pull request (GitHub allows one). */
export async function pendingReview(ctx: Ctx, owner: string, repo: string, pull_number: number) {
  const what = `${owner}/${repo}#${pull_number}`;
  const [{ data: me }, { data: reviews }] = await Promise.all([
    gh(ctx, 'the authenticated user', (api) => api.rest.users.getAuthenticated()),
    gh(ctx, `reviews of ${what}`, (api) =>
      api.rest.pulls.listReviews({ owner, repo, pull_number, per_page: 100 }),
    ),
  ]);
  const mine = reviews.find(
    (r) => r.state === 'PENDING' && r.user?.login.toLowerCase() === me.login.toLowerCase(),
  );
  if (!mine)
    throw notFound(
      `you have no pending review on ${what}.`,
      'Start one with pull_request_review_write method "create" and no event.',
    );
  return mine;
}

export const pullRequestReviewWrite = tool({
  name: 'pull_request_review_write',
  title: 'Create, submit or delete a review',
  description:
    'method create (with event: submitted at once; without: a pending review to add comments to), submit_pending (event required), delete_pending, or resolve_thread/unresolve_thread (threadId).',
  kind: 'write',
  openWorld: true,
  toolset: 'pull_requests',
  input: z.object({
    method: z
      .enum(['create', 'submit_pending', 'delete_pending', 'resolve_thread', 'unresolve_thread'])
      .describe('What to do'),
    ...repoInput,
    pullNumber,
    body: z.string().max(65_536).optional().describe('Review text'),
    event: z
      .enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT'])
      .optional()
      .describe('Verdict; omit on create for a pending review'),
    commitID: z
      .string()
      .regex(/^[0-9a-f]{40}$/i)
      .optional()
      .describe('Commit the review is about (default: the head)'),
    threadId: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Review thread node ID (PRRT_...) for resolve_thread and unresolve_thread'),
  }),
  async handle(input, ctx) {
    const { owner, repo, pullNumber: pull_number, method } = input;
    const full = inRepo(ctx, owner, repo);
    const what = `${full}#${pull_number}`;
    const url = `${ctx.state.host.web}/${full}/pull/${pull_number}`;
    if (method === 'resolve_thread' || method === 'unresolve_thread')
      return setThreadResolved(
        ctx,
        { full, pullNumber: pull_number, threadId: input.threadId },
        method === 'resolve_thread',
      );
    if (method === 'create') {
      const { data } = await gh(ctx, `review of ${what}`, (api) =>
        api.rest.pulls.createReview({
          owner,
          repo,
          pull_number,
          ...(input.body !== undefined ? { body: input.body } : {}),
          ...(input.event ? { event: input.event } : {}),
          ...(input.commitID ? { commit_id: input.commitID } : {}),
        }),
      );
      return writeResult(
        input.event
          ? `Reviewed #${pull_number} (${data.state})`
          : `Started a pending review on #${pull_number}`,
        { id: data.id, number: pull_number, url: data.html_url || url },
      );
    }
    const pending = await pendingReview(ctx, owner, repo, pull_number);
    if (method === 'delete_pending') {
      await gh(ctx, `review of ${what}`, (api) =>
        api.rest.pulls.deletePendingReview({ owner, repo, pull_number, review_id: pending.id }),
      );
      return writeResult(`Deleted the pending review on #${pull_number}`, {
        id: pending.id,
        number: pull_number,
        url,
      });
    }
    if (!input.event)
      throw invalidInput(
        'event is required to submit a review.',
        'Pass event APPROVE, REQUEST_CHANGES or COMMENT.',
      );
    const event = input.event;
    const { data } = await gh(ctx, `review of ${what}`, (api) =>
      api.rest.pulls.submitReview({
        owner,
        repo,
        pull_number,
        review_id: pending.id,
        event,
        ...(input.body !== undefined ? { body: input.body } : {}),
      }),
    );
    return writeResult(`Submitted the review on #${pull_number} (${data.state})`, {
      id: data.id,
      number: pull_number,
      url: data.html_url || url,
    });
  },
});

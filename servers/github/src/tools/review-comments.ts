import { invalidInput, z } from '@bastion-mcp/runtime';
import { gql } from '../lib/graphql.js';
import { writeResult } from '../lib/render.js';
import { gh, inRepo, repoInput, tool } from '../tool.js';
import { pullNumber } from './pull-request-read.js';
import { pendingReview } from './reviews.js';

export const ADD_REVIEW_THREAD =
  'mutation AddReviewThread($input: AddPullRequestReviewThreadInput!) { addPullRequestReviewThread(input: $input) { thread { id } } }';

export const addCommentToPendingReview = tool({
  name: 'add_comment_to_pending_review',
  title: 'Comment in a pending review',
  description:
    'Add a line (or file) comment to your pending review; submit it later with pull_request_review_write submit_pending.',
  kind: 'write',
  openWorld: true,
  toolset: 'pull_requests',
  input: z.object({
    ...repoInput,
    pullNumber,
    path: z.string().min(1).max(4096).describe('File the comment is on'),
    body: z.string().min(1).max(65_536).describe('Comment text'),
    subjectType: z.enum(['LINE', 'FILE']).default('LINE').describe('Comment on a line or the whole file'),
    line: z.number().int().positive().optional().describe('Line in the diff (last line of a range)'),
    side: z.enum(['LEFT', 'RIGHT']).optional().describe('LEFT = old version, RIGHT = new'),
    startLine: z.number().int().positive().optional().describe('First line of a multi-line range'),
    startSide: z.enum(['LEFT', 'RIGHT']).optional().describe('Side of startLine'),
  }),
  async handle(input, ctx) {
    const { owner, repo, pullNumber: pull_number } = input;
    const full = inRepo(ctx, owner, repo);
    if (input.subjectType === 'LINE' && !input.line)
      throw invalidInput('line is required for a LINE comment.', 'Pass line, or subjectType "FILE".');
    const pending = await pendingReview(ctx, owner, repo, pull_number);
    const variables = {
      input: {
        pullRequestReviewId: pending.node_id,
        path: input.path,
        body: input.body,
        subjectType: input.subjectType,
        ...(input.line ? { line: input.line } : {}),
        ...(input.side ? { side: input.side } : {}),
        ...(input.startLine ? { startLine: input.startLine } : {}),
        ...(input.startSide ? { startSide: input.startSide } : {}),
      },
    };
    const data = await gql<{ addPullRequestReviewThread: { thread: { id: string } | null } | null }>(
      ctx,
      `pending review on ${full}#${pull_number}`,
      ADD_REVIEW_THREAD,
      variables,
    );
    const id = data.addPullRequestReviewThread?.thread?.id;
    if (!id)
      throw invalidInput(
        'GitHub did not add the comment (is the line part of the diff?).',
        'Pick a line shown by pull_request_read get_diff.',
      );
    return writeResult(`Added a comment to your pending review on #${pull_number}`, {
      id,
      number: pull_number,
      url: `${ctx.state.host.web}/${full}/pull/${pull_number}/files`,
    });
  },
});

export const addReplyToPullRequestComment = tool({
  name: 'add_reply_to_pull_request_comment',
  title: 'Reply to a review comment',
  description:
    'Reply in the thread of a pull request review comment (ids from pull_request_read get_review_comments).',
  kind: 'write',
  openWorld: true,
  toolset: 'pull_requests',
  input: z.object({
    ...repoInput,
    pullNumber,
    commentId: z.number().int().positive().describe('Review comment to reply to'),
    body: z.string().min(1).max(65_536).describe('Reply text'),
  }),
  async handle({ owner, repo, pullNumber: pull_number, commentId, body }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const { data } = await gh(ctx, `review comment ${commentId} of ${full}#${pull_number}`, (api) =>
      api.rest.pulls.createReplyForReviewComment({ owner, repo, pull_number, comment_id: commentId, body }),
    );
    return writeResult(`Replied on #${pull_number}`, {
      id: data.id,
      number: pull_number,
      url: data.html_url,
    });
  },
});

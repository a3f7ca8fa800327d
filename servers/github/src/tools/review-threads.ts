import { invalidInput, notFound } from '@bastion-mcp/runtime';
import { gql } from '../lib/graphql.js';
import { writeResult } from '../lib/render.js';
import type { Ctx } from '../tool.js';

export const REVIEW_THREAD =
  'query ReviewThread($id: ID!) { node(id: $id) { ... on PullRequestReviewThread { id isResolved pullRequest { number repository { nameWithOwner } } } } }';
export const RESOLVE_THREAD =
  'mutation ResolveReviewThread($threadId: ID!) { resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } } }';
export const UNRESOLVE_THREAD =
  'mutation UnresolveReviewThread($threadId: ID!) { unresolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } } }';

interface ThreadNode {
  node: { pullRequest?: { number: number; repository: { nameWithOwner: string } } } | null;
}

/**
 * resolve_thread / unresolve_thread. github-mcp-server ignores owner/repo/pullNumber here; we
 * read the thread first and require it to belong to them, so --repos (already checked for
 * owner/repo) also covers the thread: a node ID from another repository is refused unchanged.
 */
export async function setThreadResolved(
  ctx: Ctx,
  where: { full: string; pullNumber: number; threadId: string | undefined },
  resolve: boolean,
) {
  const { full, pullNumber, threadId } = where;
  const method = resolve ? 'resolve_thread' : 'unresolve_thread';
  if (!threadId)
    throw invalidInput(
      `threadId is required for ${method}.`,
      'Pass the thread node ID (PRRT_...), as add_comment_to_pending_review returns it.',
    );
  const what = `review thread ${threadId}`;
  const { node } = await gql<ThreadNode>(ctx, what, REVIEW_THREAD, { id: threadId });
  const pull = node?.pullRequest;
  if (!pull) throw notFound(`${what} was not found.`, 'Pass the node ID of a review thread (PRRT_...).');
  if (pull.repository.nameWithOwner.toLowerCase() !== full.toLowerCase() || pull.number !== pullNumber)
    throw invalidInput(
      `threadId is not a review thread of ${full}#${pullNumber}.`,
      'Pass the owner, repo and pullNumber of the pull request the thread is on.',
    );
  const field = resolve ? 'resolveReviewThread' : 'unresolveReviewThread';
  const data = await gql<Record<string, { thread: { id: string; isResolved: boolean } } | null>>(
    ctx,
    what,
    resolve ? RESOLVE_THREAD : UNRESOLVE_THREAD,
    { threadId },
  );
  const thread = data[field]?.thread;
  return writeResult(`${resolve ? 'Resolved' : 'Unresolved'} the review thread on #${pullNumber}`, {
    id: thread?.id ?? threadId,
    number: pullNumber,
    url: `${ctx.state.host.web}/${full}/pull/${pullNumber}`,
    isResolved: thread?.isResolved ?? resolve,
  });
}

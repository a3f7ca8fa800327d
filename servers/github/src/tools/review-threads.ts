import { invalidInput, notFound } from '@bastion-mcp/runtime';
import { gql } from '../lib/graphql.js';
import { writeResult } from '../lib/render.js';
import type { Ctx } from '../tool.js';

export const PULL_THREADS = `query PullThreads($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) { pullRequest(number: $number) {
    reviewThreads(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
  } }
}`;
export const RESOLVE_THREAD =
  'mutation ResolveReviewThread($threadId: ID!) { resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } } }';
export const UNRESOLVE_THREAD =
  'mutation UnresolveReviewThread($threadId: ID!) { unresolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } } }';

interface PullThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        nodes: { id: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } | null;
  } | null;
}

/** Whether a thread is on this pull request, found through the pull request (never by its ID). */
async function isThreadOf(ctx: Ctx, full: string, pullNumber: number, threadId: string): Promise<boolean> {
  const [owner, name] = full.split('/') as [string, string];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const data: PullThreadsPage = await gql<PullThreadsPage>(
      ctx,
      `review threads of ${full}#${pullNumber}`,
      PULL_THREADS,
      {
        owner,
        name,
        number: pullNumber,
        after,
      },
    );
    const threads = data.repository?.pullRequest?.reviewThreads;
    if (!threads) return false;
    if (threads.nodes.some((t) => t.id === threadId)) return true;
    if (!threads.pageInfo.hasNextPage) return false;
    after = threads.pageInfo.endCursor;
  }
  return false;
}

/**
 * resolve_thread / unresolve_thread. github-mcp-server ignores owner/repo/pullNumber here; we
 * require the thread to be one of that pull request's, looked up through the pull request (already
 * checked against --repos), so a node ID from elsewhere is never asked about, only refused.
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
  if (!(await isThreadOf(ctx, full, pullNumber, threadId)))
    throw notFound(
      `threadId ${threadId} is not a review thread of ${full}#${pullNumber}.`,
      'Pass the owner, repo and pullNumber of the pull request the thread is on, and its thread ID (PRRT_...).',
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

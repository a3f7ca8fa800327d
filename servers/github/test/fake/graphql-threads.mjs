// Pull request drafts and review threads over GraphQL (drafts: convertPullRequestToDraft and
// markPullRequestReadyForReview, by the pull request's node ID). Review threads: adding one to a pending review, reading one by node ID, resolving
// and unresolving. A thread's ID is that of its first comment, as PRRT_<comment id>.
import { nodeId } from './shapes.mjs';
import { newId } from './state.mjs';

const nodeNotFound = (path, id) => ({
  type: 'NOT_FOUND',
  path: [path],
  message: `Could not resolve to a node with the global id of '${id}'`,
});

/** The thread with node ID `id`, its pull request and repository, if `user` can see it. */
function findThread(state, user, id) {
  for (const repo of state.repos.values()) {
    if (!state.canSee(repo, user.login)) continue;
    for (const pull of repo.pulls) {
      const comment = pull.reviewComments.find((c) => nodeId('PRRT', c.id) === id && !c.inReplyTo);
      if (comment) return { repo, pull, comment };
    }
  }
  return undefined;
}

/** The review threads of one pull request, 100 a page (`after` is the last page's end cursor). */
export function pullThreads(state, user, { owner, name, number, after }) {
  const repo = state.repo(owner, name);
  if (!repo || !state.canSee(repo, user.login))
    return {
      data: { repository: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['repository'],
          message: `Could not resolve to a Repository with the name '${owner}/${name}'.`,
        },
      ],
    };
  const pull = repo.pulls.find((p) => p.number === number);
  if (!pull) return { data: { repository: { pullRequest: null } } };
  const ids = pull.reviewComments.filter((c) => !c.inReplyTo).map((c) => nodeId('PRRT', c.id));
  const start = after ? Number(after) : 0;
  const nodes = ids.slice(start, start + 100).map((id) => ({ id }));
  const end = start + nodes.length;
  return {
    data: {
      repository: {
        pullRequest: {
          reviewThreads: { nodes, pageInfo: { hasNextPage: end < ids.length, endCursor: String(end) } },
        },
      },
    },
  };
}

export function setThreadResolved(state, user, id, resolved) {
  const field = resolved ? 'resolveReviewThread' : 'unresolveReviewThread';
  const found = findThread(state, user, id);
  if (!found) return { data: { [field]: null }, errors: [nodeNotFound(field, id)] };
  if (!state.canWrite(found.repo, user.login))
    return {
      data: { [field]: null },
      errors: [{ type: 'FORBIDDEN', path: [field], message: 'Resource not accessible by integration' }],
    };
  found.comment.resolved = resolved;
  return { data: { [field]: { thread: { id, isResolved: resolved } } } };
}

export function addReviewThread(state, user, input) {
  for (const repo of state.repos.values()) {
    for (const pull of repo.pulls) {
      const review = pull.reviews.find((r) => nodeId('PRR', r.id) === input.pullRequestReviewId);
      if (!review) continue;
      if (review.state !== 'PENDING' || review.author.toLowerCase() !== user.login.toLowerCase())
        return {
          data: { addPullRequestReviewThread: null },
          errors: [{ type: 'UNPROCESSABLE', message: 'Review is not pending' }],
        };
      const comment = {
        id: newId(),
        body: input.body,
        author: user.login,
        path: input.path,
        line: input.line,
        reviewId: review.id,
      };
      pull.reviewComments.push(comment);
      return { data: { addPullRequestReviewThread: { thread: { id: nodeId('PRRT', comment.id) } } } };
    }
  }
  return {
    data: { addPullRequestReviewThread: null },
    errors: [nodeNotFound('addPullRequestReviewThread', input.pullRequestReviewId)],
  };
}

export function setDraft(state, user, id, draft) {
  const field = draft ? 'convertPullRequestToDraft' : 'markPullRequestReadyForReview';
  for (const repo of state.repos.values()) {
    const pull = repo.pulls.find((p) => nodeId('PR', p.id) === id);
    if (!pull || !state.canSee(repo, user.login)) continue;
    if (!state.canWrite(repo, user.login))
      return {
        data: { [field]: null },
        errors: [{ type: 'FORBIDDEN', path: [field], message: 'Forbidden' }],
      };
    pull.draft = draft;
    return { data: { [field]: { pullRequest: { number: pull.number, isDraft: draft } } } };
  }
  return { data: { [field]: null }, errors: [nodeNotFound(field, id)] };
}

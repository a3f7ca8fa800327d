// The one GraphQL operation REST lacks (adding a thread to a pending review), answered the way
// GitHub's GraphQL API does: `data`, or `errors` with a 200 status.
import { nodeId } from './shapes.mjs';
import { newId } from './state.mjs';

export function graphql(state, user, { query = '', variables = {} }) {
  if (/addPullRequestReviewThread/.test(query)) {
    const input = variables.input ?? {};
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
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['addPullRequestReviewThread'],
          message: `Could not resolve to a node with the global id of '${input.pullRequestReviewId}'`,
        },
      ],
    };
  }
  return { errors: [{ message: 'This fake answers addPullRequestReviewThread only' }] };
}

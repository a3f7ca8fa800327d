// The GraphQL operations the server sends where REST has no equivalent (a thread in a pending
// review; discussions), answered as GitHub's GraphQL API does: `data`, or `errors` with a 200.
// The operation is picked by its name; test/graphql.test.ts validates every document sent here
// against GitHub's published GraphQL schema.
import { addReviewThread, pullThreads, setDraft, setThreadResolved } from './graphql-threads.mjs';
import { nodeId } from './shapes.mjs';

const notFound = (what) => ({
  type: 'NOT_FOUND',
  path: ['repository'],
  message: `Could not resolve to a Repository with the name '${what}'.`,
});

export function graphql(state, user, { query = '', variables = {} }) {
  const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
  if (operation === 'AddReviewThread') return addReviewThread(state, user, variables.input ?? {});
  if (operation === 'ConvertToDraft' || operation === 'MarkReady')
    return setDraft(state, user, variables.id, operation === 'ConvertToDraft');
  if (operation === 'PullThreads') return pullThreads(state, user, variables);
  if (operation === 'UserTeams') return userTeams(state, variables.login);
  if (operation === 'ResolveReviewThread' || operation === 'UnresolveReviewThread')
    return setThreadResolved(state, user, variables.threadId, operation === 'ResolveReviewThread');
  if (
    !['ListDiscussions', 'GetDiscussion', 'GetDiscussionComments', 'ListDiscussionCategories'].includes(
      operation ?? '',
    )
  )
    return { errors: [{ message: `This fake does not answer ${operation ?? 'anonymous operations'}` }] };
  const repo = state.repo(variables.owner, variables.repo);
  if (!repo || !state.canSee(repo, user.login))
    return { data: { repository: null }, errors: [notFound(`${variables.owner}/${variables.repo}`)] };
  const web = (d) => `https://fake.github/${repo.owner}/${repo.name}/discussions/${d.number}`;
  const author = (login) => (login ? { login } : null);
  const page = (items, first, after) => {
    const start = after ? Number(Buffer.from(after, 'base64').toString().split(':')[1]) + 1 : 0;
    const nodes = items.slice(start, start + first);
    const end = start + nodes.length - 1;
    return {
      nodes,
      pageInfo: {
        hasNextPage: end + 1 < items.length,
        endCursor: nodes.length ? Buffer.from(`cursor:${end}`).toString('base64') : null,
      },
    };
  };
  if (operation === 'ListDiscussionCategories')
    return {
      data: {
        repository: {
          discussionCategories: {
            nodes: repo.discussionCategories.map((c) => ({
              id: c.id,
              name: c.name,
              description: c.description ?? null,
            })),
          },
        },
      },
    };
  if (operation === 'ListDiscussions') {
    const list = repo.discussions.filter(
      (d) =>
        !variables.categoryId ||
        repo.discussionCategories.find((c) => c.name === d.category)?.id === variables.categoryId,
    );
    const shaped = list.map((d) => ({
      number: d.number,
      title: d.title,
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      url: web(d),
      author: author(d.author),
      category: { name: d.category },
      isAnswered: Boolean(d.answered),
      comments: { totalCount: d.comments.length },
    }));
    return { data: { repository: { discussions: page(shaped, variables.first, variables.after) } } };
  }
  const d = repo.discussions.find((x) => x.number === variables.number);
  if (!d)
    return {
      data: { repository: { discussion: null } },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['repository', 'discussion'],
          message: `Could not resolve to a Discussion with the number of ${variables.number}.`,
        },
      ],
    };
  if (operation === 'GetDiscussion')
    return {
      data: {
        repository: {
          discussion: {
            number: d.number,
            title: d.title,
            body: d.body,
            createdAt: '2026-01-01T00:00:00Z',
            url: web(d),
            closed: false,
            isAnswered: Boolean(d.answered),
            author: author(d.author),
            category: { name: d.category },
          },
        },
      },
    };
  const comments = d.comments.map((c) => ({
    id: nodeId('DC', c.id),
    body: c.body,
    createdAt: '2026-01-01T00:00:00Z',
    isAnswer: Boolean(c.answer),
    author: author(c.author),
  }));
  return {
    data: { repository: { discussion: { comments: page(comments, variables.first, variables.after) } } },
  };
}

/** Another user's teams, by organisation (what REST cannot list). */
function userTeams(state, login) {
  const who = state.user(login);
  if (!who)
    return {
      data: { user: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['user'],
          message: `Could not resolve to a User with the login of '${login}'.`,
        },
      ],
    };
  const teams = state.teams.filter((t) => t.members.includes(who.login));
  const orgs = [...new Set(teams.map((t) => t.org))];
  const team = (t) => ({
    name: t.name,
    slug: t.slug,
    description: null,
    members: { totalCount: t.members.length },
  });
  const nodes = orgs.map((org) => ({
    login: org,
    teams: { nodes: teams.filter((t) => t.org === org).map(team) },
  }));
  return { data: { user: { organizations: { nodes } } } };
}

import { decodeCursor, encodeCursor, structured, untrusted, z } from '@bastion-mcp/runtime';
import { bodyText } from '../lib/compact.js';
import { gql } from '../lib/graphql.js';
import { shownBody } from '../lib/lockdown.js';
import { listResult } from '../lib/render.js';
import { oneLine } from '../lib/sanitize.js';
import { cursorInput, inRepo, perPageField, repoInput, tool } from '../tool.js';

// The runtime's cursor carries GraphQL's `after` here (REST tools carry a page number).
const afterCursor = z.object({ after: z.string() });
const afterOf = (cursor: string | undefined) => decodeCursor(cursor, afterCursor)?.after ?? null;
const nextOf = (page: { hasNextPage: boolean; endCursor: string | null }) =>
  page.hasNextPage && page.endCursor ? encodeCursor({ after: page.endCursor }) : undefined;
const discussionNumber = z.number().int().positive().describe('Discussion number');
type Author = { login: string } | null;
type PageInfo = { hasNextPage: boolean; endCursor: string | null };

export const LIST_DISCUSSIONS = `query ListDiscussions($owner: String!, $repo: String!, $first: Int!, $after: String, $categoryId: ID) {
  repository(owner: $owner, name: $repo) {
    discussions(first: $first, after: $after, categoryId: $categoryId, orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes { number title createdAt updatedAt url author { login } category { name } isAnswered comments { totalCount } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export const GET_DISCUSSION = `query GetDiscussion($owner: String!, $repo: String!, $number: Int!) {
  repository(owner: $owner, name: $repo) {
    discussion(number: $number) { number title body createdAt url closed isAnswered author { login } category { name } }
  }
}`;

export const GET_DISCUSSION_COMMENTS = `query GetDiscussionComments($owner: String!, $repo: String!, $number: Int!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    discussion(number: $number) {
      comments(first: $first, after: $after) {
        nodes { id body createdAt isAnswer author { login } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

export const LIST_DISCUSSION_CATEGORIES = `query ListDiscussionCategories($owner: String!, $repo: String!) {
  repository(owner: $owner, name: $repo) { discussionCategories(first: 25) { nodes { id name description } } }
}`;

export const listDiscussions = tool({
  name: 'list_discussions',
  title: 'List discussions',
  description: 'Discussions of a repository, most recently updated first; filter by category ID.',
  kind: 'read',
  openWorld: true,
  toolset: 'discussions',
  input: z.object({
    ...repoInput,
    category: z.string().max(100).optional().describe('Category ID (from list_discussion_categories)'),
    perPage: perPageField,
    cursor: cursorInput,
  }),
  async handle({ owner, repo, category, perPage, cursor }, ctx) {
    const full = inRepo(ctx, owner, repo);
    type Answer = {
      repository: {
        discussions: {
          nodes: {
            number: number;
            title: string;
            updatedAt: string;
            url: string;
            author: Author;
            category: { name: string };
            isAnswered: boolean | null;
            comments: { totalCount: number };
          }[];
          pageInfo: PageInfo;
        };
      } | null;
    };
    const data = await gql<Answer>(ctx, `discussions of ${full}`, LIST_DISCUSSIONS, {
      owner,
      repo,
      first: perPage,
      after: afterOf(cursor),
      categoryId: category ?? null,
    });
    const found = data.repository?.discussions;
    const items = (found?.nodes ?? []).map((d) => ({
      number: d.number,
      title: oneLine(d.title),
      author: d.author?.login ?? 'ghost',
      category: d.category.name,
      answered: Boolean(d.isAnswered),
      comments: d.comments.totalCount,
      updated_at: d.updatedAt,
      url: d.url,
    }));
    return listResult(
      `discussions of ${full}`,
      items,
      (d) =>
        `#${d.number} ${d.title} [${d.category}${d.answered ? ', answered' : ''}] by ${d.author}, ${d.comments} comments`,
      found ? nextOf(found.pageInfo) : undefined,
    );
  },
});

export const getDiscussion = tool({
  name: 'get_discussion',
  title: 'Get a discussion',
  description: 'One discussion with its body (untrusted data).',
  kind: 'read',
  openWorld: true,
  toolset: 'discussions',
  input: z.object({ ...repoInput, discussionNumber }),
  async handle({ owner, repo, discussionNumber: number }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const what = `discussion ${full}#${number}`;
    type Answer = {
      repository: {
        discussion: {
          number: number;
          title: string;
          body: string;
          url: string;
          closed: boolean;
          isAnswered: boolean | null;
          author: Author;
          category: { name: string };
        } | null;
      } | null;
    };
    const data = await gql<Answer>(ctx, what, GET_DISCUSSION, { owner, repo, number });
    const d = data.repository?.discussion;
    if (!d) return structured({ number, found: false }, `${what} was not found.`);
    const author = d.author?.login ?? 'ghost';
    const body = await shownBody(ctx, owner, repo, d.author?.login, bodyText(d.body));
    const item = {
      number: d.number,
      title: oneLine(d.title),
      author,
      category: d.category.name,
      closed: d.closed,
      answered: Boolean(d.isAnswered),
      url: d.url,
      body,
    };
    return structured(
      item,
      `#${item.number} ${item.title} [${item.category}] by ${author}\n${item.url}${body ? `\n${untrusted(what, body)}` : ''}`,
    );
  },
});

export const getDiscussionComments = tool({
  name: 'get_discussion_comments',
  title: 'Read discussion comments',
  description: "A discussion's comments, oldest first (untrusted data).",
  kind: 'read',
  openWorld: true,
  toolset: 'discussions',
  input: z.object({ ...repoInput, discussionNumber, perPage: perPageField, cursor: cursorInput }),
  async handle({ owner, repo, discussionNumber: number, perPage, cursor }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const what = `comments of discussion ${full}#${number}`;
    type Answer = {
      repository: {
        discussion: {
          comments: {
            nodes: { id: string; body: string; createdAt: string; isAnswer: boolean; author: Author }[];
            pageInfo: PageInfo;
          };
        } | null;
      } | null;
    };
    const data = await gql<Answer>(ctx, what, GET_DISCUSSION_COMMENTS, {
      owner,
      repo,
      number,
      first: perPage,
      after: afterOf(cursor),
    });
    const comments = data.repository?.discussion?.comments;
    const items = [];
    for (const c of comments?.nodes ?? [])
      items.push({
        id: c.id,
        author: c.author?.login ?? 'ghost',
        created_at: c.createdAt,
        answer: c.isAnswer,
        body: await shownBody(ctx, owner, repo, c.author?.login, bodyText(c.body)),
      });
    return listResult(
      what,
      items,
      (c) => `--- ${c.author}${c.answer ? ' (answer)' : ''} ${c.created_at}:\n${c.body}`,
      comments ? nextOf(comments.pageInfo) : undefined,
    );
  },
});

export const listDiscussionCategories = tool({
  name: 'list_discussion_categories',
  title: 'List discussion categories',
  description: 'Discussion categories of a repository (IDs for list_discussions).',
  kind: 'read',
  openWorld: true,
  toolset: 'discussions',
  input: z.object({ ...repoInput }),
  async handle({ owner, repo }, ctx) {
    const full = inRepo(ctx, owner, repo);
    type Answer = {
      repository: {
        discussionCategories: { nodes: { id: string; name: string; description: string | null }[] };
      } | null;
    };
    const data = await gql<Answer>(ctx, `discussion categories of ${full}`, LIST_DISCUSSION_CATEGORIES, {
      owner,
      repo,
    });
    const items = (data.repository?.discussionCategories.nodes ?? []).map((c) => ({
      id: c.id,
      name: c.name,
      description: oneLine(c.description),
    }));
    return listResult(
      `discussion categories of ${full}`,
      items,
      (c) => `${c.id} ${c.name}${c.description ? `: ${c.description}` : ''}`,
      undefined,
    );
  },
});

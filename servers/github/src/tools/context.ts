import { invalidInput, structured, z } from '@bastion-mcp/runtime';
import { compactUser } from '../lib/compact.js';
import { gql } from '../lib/graphql.js';
import { isOwnerName } from '../lib/policy.js';
import { listResult } from '../lib/render.js';
import { oneLine } from '../lib/sanitize.js';
import { type Ctx, gh, listPage, nextCursor, pageInput, pageOf, tool, webUrl } from '../tool.js';

export const getMe = tool({
  name: 'get_me',
  title: 'Get my GitHub user',
  description: 'The authenticated user (login, name, plan counts). Call it first to learn who "me" is.',
  kind: 'read',
  openWorld: true,
  toolset: 'context',
  input: z.object({}),
  async handle(_input, ctx) {
    const { data } = await gh(ctx, 'the authenticated user', (api) => api.rest.users.getAuthenticated());
    const me = {
      ...compactUser(data),
      name: oneLine(data.name),
      public_repos: data.public_repos,
      private_repos: data.total_private_repos ?? null,
    };
    return structured(me, `${me.login}${me.name ? ` (${me.name})` : ''}, id ${me.id}, ${me.url}`);
  },
});

export const getTeams = tool({
  name: 'get_teams',
  title: 'List my teams',
  description:
    "Teams the authenticated user (or another user) belongs to, across organisations (needs the token's read:org scope). Under --repos, only organisations that own a listed repository.",
  kind: 'read',
  openWorld: true,
  toolset: 'context',
  input: z.object({
    user: z
      .string()
      .max(39)
      .optional()
      .describe("Another user's login: their teams in organisations the token can see (one page, GraphQL)"),
    ...pageInput,
  }),
  async handle({ user, perPage, cursor }, ctx) {
    if (user !== undefined) return teamsOf(ctx, user);
    const page = pageOf(cursor);
    const res = await gh(ctx, 'your teams', (api) =>
      api.rest.teams.listForAuthenticatedUser({ per_page: perPage, page }),
    );
    // Under --repos, only teams of organisations that own a listed repository.
    const mine = res.data.filter((t) => ctx.state.policy.listsOwner(t.organization.login));
    const items = mine.map((t) => ({
      org: t.organization.login,
      slug: t.slug,
      name: oneLine(t.name),
      members: t.members_count,
      url: t.html_url,
    }));
    return listResult(
      'your teams',
      items,
      (t) => `${t.org}/${t.slug} (${t.name}), ${t.members} members`,
      nextCursor(res.headers, page, res.data.length, perPage),
    );
  },
});

export const getTeamMembers = tool({
  name: 'get_team_members',
  title: 'List team members',
  description: 'Logins of the members of an organisation team.',
  kind: 'read',
  openWorld: true,
  toolset: 'context',
  input: z.object({
    org: z.string().min(1).max(39).describe('Organisation login'),
    team_slug: z.string().min(1).max(100).describe('Team slug, as in the team URL'),
    ...pageInput,
  }),
  async handle({ org, team_slug, perPage, cursor }, ctx) {
    ctx.state.policy.checkOwner(org, 'teams');
    return listPage(ctx, {
      source: `team ${org}/${team_slug}`,
      perPage,
      cursor,
      send: (api, page) => api.rest.teams.listMembersInOrg({ org, team_slug, per_page: perPage, page }),
      compact: compactUser,
      line: (u) => `${u.login}`,
    });
  },
});

const USER_TEAMS = `query UserTeams($login: String!) {
  user(login: $login) {
    organizations(first: 100) {
      nodes { login teams(first: 100, userLogins: [$login]) { nodes { name slug description members { totalCount } } } }
    }
  }
}`;

interface UserTeams {
  user: {
    organizations: {
      nodes: {
        login: string;
        teams: { nodes: { name: string; slug: string; members: { totalCount: number } }[] };
      }[];
    };
  } | null;
}

/** Another user's teams: REST lists only the token user's, so GraphQL (as github-mcp-server does). */
async function teamsOf(ctx: Ctx, login: string) {
  if (!isOwnerName(login))
    throw invalidInput(`user: "${login}" is not a GitHub login.`, 'Pass a login such as octocat.');
  const data = await gql<UserTeams>(ctx, `teams of ${login}`, USER_TEAMS, { login });
  const items = (data.user?.organizations.nodes ?? [])
    .filter((org) => ctx.state.policy.listsOwner(org.login))
    .flatMap((org) =>
      org.teams.nodes.map((t) => ({
        org: org.login,
        slug: t.slug,
        name: oneLine(t.name),
        members: t.members.totalCount,
        url: webUrl(ctx, `orgs/${org.login}/teams/${t.slug}`),
      })),
    );
  const line = (t: (typeof items)[number]) => `${t.org}/${t.slug} (${t.name}), ${t.members} members`;
  return listResult(`teams of ${login}`, items, line, undefined);
}

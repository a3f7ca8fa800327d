import { invalidInput, z } from '@bastion-mcp/runtime';
import { isRepoName } from '../lib/policy.js';
import { writeResult } from '../lib/render.js';
import { type Ctx, gh, inRepo, repoInput, tool } from '../tool.js';

/** The token's login, asked once per call where a target repository's owner defaults to "me". */
async function myLogin(ctx: Ctx): Promise<string> {
  const { data } = await gh(ctx, 'the authenticated user', (api) => api.rest.users.getAuthenticated());
  return data.login;
}

export const createRepository = tool({
  name: 'create_repository',
  title: 'Create a repository',
  description:
    'Create a repository for the user or an organisation. Under --repos the new owner/name must be in the list.',
  kind: 'write',
  openWorld: true,
  toolset: 'repos',
  input: z.object({
    name: z.string().min(1).max(100).describe('Repository name'),
    description: z.string().max(350).optional().describe('Short description'),
    private: z.boolean().default(false).describe('Create it private'),
    autoInit: z.boolean().default(false).describe('Start with a README commit'),
    organization: z
      .string()
      .max(39)
      .optional()
      .describe('Organisation to create it in (default: your account)'),
  }),
  async handle(input, ctx) {
    if (!isRepoName(input.name))
      throw invalidInput(
        `name "${input.name}" is not a valid repository name.`,
        'Use letters, digits, ., - and _ only.',
      );
    const owner = input.organization ?? (ctx.state.policy.restricted ? await myLogin(ctx) : undefined);
    if (owner) inRepo(ctx, owner, input.name, 'the new repository');
    const body = {
      name: input.name,
      private: input.private,
      auto_init: input.autoInit,
      ...(input.description ? { description: input.description } : {}),
    };
    const { data } = await gh(ctx, `new repository ${input.name}`, (api) =>
      input.organization
        ? api.rest.repos.createInOrg({ org: input.organization, ...body })
        : api.rest.repos.createForAuthenticatedUser(body),
    );
    return writeResult(`Created ${data.full_name}`, {
      id: data.id,
      url: data.html_url,
      full_name: data.full_name,
    });
  },
});

export const forkRepository = tool({
  name: 'fork_repository',
  title: 'Fork a repository',
  description:
    'Fork a repository to your account or an organisation. Under --repos both the source and the fork must be in the list.',
  kind: 'write',
  openWorld: true,
  toolset: 'repos',
  input: z.object({
    ...repoInput,
    organization: z.string().max(39).optional().describe('Organisation to fork into (default: your account)'),
  }),
  async handle({ owner, repo, organization }, ctx) {
    const full = inRepo(ctx, owner, repo);
    if (ctx.state.policy.restricted)
      inRepo(ctx, organization ?? (await myLogin(ctx)), repo, 'the fork target');
    const { data } = await gh(ctx, `fork of ${full}`, (api) =>
      api.rest.repos.createFork({ owner, repo, ...(organization ? { organization } : {}) }),
    );
    return writeResult(`Forked ${full} to ${data.full_name}`, {
      id: data.id,
      url: data.html_url,
      full_name: data.full_name,
    });
  },
});

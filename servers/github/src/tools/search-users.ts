import { z } from '@bastion-mcp/runtime';
import { compactUser } from '../lib/compact.js';
import { searchList, searchParams } from '../lib/search.js';
import { either, pageInput, tool } from '../tool.js';
import { order, q, queryOrQ } from './search.js';

export const searchUsers = tool({
  name: 'search_users',
  title: 'Search users',
  description: 'Search GitHub users and organisations (e.g. "alice type:user location:berlin").',
  kind: 'read',
  openWorld: true,
  toolset: 'users',
  input: z.object({
    query: queryOrQ,
    q,
    sort: z
      .enum(['followers', 'repositories', 'joined'])
      .optional()
      .describe('Sort field (default best match)'),
    order,
    ...pageInput,
  }),
  async handle(input, ctx) {
    const q = either(input.query, input.q, 'query');
    // No repository to confine: public profiles only (see the README's confinement model).
    return searchList(ctx, {
      what: `user search "${q}"`,
      input,
      send: (api, page) => api.rest.search.users(searchParams(q, input, page)),
      compact: compactUser,
      line: (u) => `${u.login} (${u.type}) ${u.url}`,
    });
  },
});

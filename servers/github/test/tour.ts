/**
 * One call of every tool (and method) against the default fake: the OpenAPI test validates every
 * answer the fake serves during it, and the inventory test checks that every tool is here.
 */
export const TOUR: [string, Record<string, unknown>][] = [
  ['get_me', {}],
  ['get_teams', {}],
  ['get_team_members', { org: 'acme', team_slug: 'core' }],
  ['get_file_contents', { owner: 'acme', repo: 'api', path: 'src/index.ts' }],
  ['get_file_contents', { owner: 'acme', repo: 'api', path: '/' }],
  ['issue_read', { method: 'get', owner: 'acme', repo: 'api', issue_number: 1 }],
  ['issue_read', { method: 'get_comments', owner: 'acme', repo: 'api', issue_number: 1 }],
  ['issue_read', { method: 'get_sub_issues', owner: 'acme', repo: 'api', issue_number: 1 }],
  ['issue_read', { method: 'get_labels', owner: 'acme', repo: 'api', issue_number: 1 }],
  ['list_issues', { owner: 'acme', repo: 'web', perPage: 5 }],
  ['search_issues', { query: 'crash' }],
  ['search_pull_requests', { query: 'feature', owner: 'acme', repo: 'api' }],
];

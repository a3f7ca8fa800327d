/**
 * One call of every tool (and method) against the default fake: the OpenAPI test validates every
 * answer the fake serves during it, and the inventory test checks that every tool is here.
 */
import type { Fake } from './fake/index.mjs';

type Args = Record<string, unknown> | ((fake: Fake) => Record<string, unknown>);
const api = { owner: 'acme', repo: 'api' };
const acmeApi = (fake: Fake) => fake.state.repo('acme', 'api');

export const TOUR: [string, Args][] = [
  ['get_me', {}],
  ['get_teams', {}],
  ['get_team_members', { org: 'acme', team_slug: 'core' }],
  ['get_file_contents', { ...api, path: 'src/index.ts' }],
  ['get_file_contents', { ...api, path: '/' }],
  ['get_file_contents', { ...api, path: 'src', ref: 'develop' }],
  ['list_branches', api],
  ['create_branch', { ...api, branch: 'tour' }],
  [
    'create_or_update_file',
    { ...api, path: 'docs/tour.md', content: '# Tour\n', message: 'Add tour', branch: 'tour' },
  ],
  [
    'push_files',
    {
      ...api,
      branch: 'tour',
      message: 'Two files',
      files: [
        { path: 'a.txt', content: 'a' },
        { path: 'b/c.txt', content: 'c' },
      ],
    },
  ],
  ['delete_file', { ...api, path: 'a.txt', message: 'Drop a', branch: 'tour' }],
  ['list_commits', { ...api, perPage: 3 }],
  ['get_commit', { ...api, sha: 'main' }],
  ['list_tags', api],
  ['get_tag', { ...api, tag: 'v1.0.0' }],
  ['list_releases', api],
  ['get_latest_release', api],
  ['get_release_by_tag', { ...api, tag: 'v1.0.0' }],
  ['search_code', { query: 'answer' }],
  ['search_commits', { query: 'tweak' }],
  ['search_repositories', { query: 'api' }],
  ['create_repository', { name: 'tour-repo', description: 'Made by the tour' }],
  ['fork_repository', { owner: 'acme', repo: 'web' }],
  ['issue_read', { method: 'get', ...api, issue_number: 1 }],
  ['issue_read', { method: 'get_comments', ...api, issue_number: 1 }],
  ['issue_read', { method: 'get_sub_issues', ...api, issue_number: 1 }],
  ['issue_read', { method: 'get_labels', ...api, issue_number: 1 }],
  ['issue_write', { method: 'create', ...api, title: 'From the tour', body: 'Hello', labels: ['bug'] }],
  ['issue_write', { method: 'update', ...api, issue_number: 2, state: 'closed', state_reason: 'completed' }],
  [
    'sub_issue_write',
    {
      method: 'add',
      ...api,
      issue_number: 1,
      sub_issue_owner: 'acme',
      sub_issue_repo: 'api',
      sub_issue_number: 2,
    },
  ],
  [
    'sub_issue_write',
    {
      method: 'add',
      ...api,
      issue_number: 1,
      sub_issue_owner: 'acme',
      sub_issue_repo: 'api',
      sub_issue_number: 3,
    },
  ],
  [
    'sub_issue_write',
    (f) => ({
      method: 'reprioritize',
      ...api,
      issue_number: 1,
      sub_issue_owner: 'acme',
      sub_issue_repo: 'api',
      sub_issue_number: 3,
      before_id: acmeApi(f).issues[1].id,
    }),
  ],
  [
    'sub_issue_write',
    {
      method: 'remove',
      ...api,
      issue_number: 1,
      sub_issue_owner: 'acme',
      sub_issue_repo: 'api',
      sub_issue_number: 3,
    },
  ],
  ['add_issue_comment', { ...api, issue_number: 1, body: 'A comment' }],
  ['list_issues', { owner: 'acme', repo: 'web', perPage: 5 }],
  ['search_issues', { query: 'crash' }],
  ['list_issue_types', { owner: 'acme' }],
  ['get_label', { ...api, name: 'bug' }],
  ['pull_request_read', { method: 'get', ...api, pullNumber: 5 }],
  ['pull_request_read', { method: 'get_diff', ...api, pullNumber: 5 }],
  ['pull_request_read', { method: 'get_status', ...api, pullNumber: 5 }],
  ['pull_request_read', { method: 'get_files', ...api, pullNumber: 5 }],
  ['pull_request_read', { method: 'get_commits', ...api, pullNumber: 5 }],
  ['pull_request_read', { method: 'get_review_comments', ...api, pullNumber: 5 }],
  ['pull_request_read', { method: 'get_reviews', ...api, pullNumber: 5 }],
  ['pull_request_read', { method: 'get_comments', ...api, pullNumber: 5 }],
  ['pull_request_read', { method: 'get_check_runs', ...api, pullNumber: 5 }],
  ['create_pull_request', { ...api, title: 'Tour PR', head: 'tour', base: 'main', body: 'From the tour' }],
  ['update_pull_request', { ...api, pullNumber: 5, title: 'Add feature (updated)' }],
  ['list_pull_requests', api],
  ['search_pull_requests', { query: 'feature', owner: 'acme', repo: 'api' }],
  ['pull_request_review_write', { method: 'create', ...api, pullNumber: 5 }],
  [
    'add_comment_to_pending_review',
    { ...api, pullNumber: 5, path: 'src/feature.ts', body: 'Nit', line: 2, side: 'RIGHT' },
  ],
  [
    'pull_request_review_write',
    { method: 'submit_pending', ...api, pullNumber: 5, event: 'COMMENT', body: 'Done' },
  ],
  ['pull_request_review_write', { method: 'create', ...api, pullNumber: 5 }],
  ['pull_request_review_write', { method: 'delete_pending', ...api, pullNumber: 5 }],
  [
    'add_reply_to_pull_request_comment',
    (f) => ({ ...api, pullNumber: 5, commentId: acmeApi(f).pulls[0].reviewComments[0].id, body: 'Because.' }),
  ],
  ['update_pull_request_branch', { ...api, pullNumber: 5 }],
  ['merge_pull_request', { ...api, pullNumber: 5, merge_method: 'squash' }],
  ['search_users', { query: 'ali' }],
];

export const argsOf = (args: Args, fake: Fake) => (typeof args === 'function' ? args(fake) : args);

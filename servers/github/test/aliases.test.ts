import { describe, expect, it } from 'vitest';
import { useSession } from './helpers.js';

/** The archived reference server's 26 tools, each called with the reference's own input. */
const api = { owner: 'acme', repo: 'api' };
const REFERENCE: [string, Record<string, unknown>, RegExp][] = [
  ['get_issue', { ...api, issue_number: 1 }, /^#1 Crash on start/],
  ['get_pull_request', { ...api, pull_number: 5 }, /^#5 Add feature/],
  ['get_pull_request_files', { ...api, pull_number: 5 }, /added src\/feature\.ts/],
  ['get_pull_request_status', { ...api, pull_number: 5 }, /success ci\/build/],
  ['get_pull_request_comments', { ...api, pull_number: 5 }, /Why 1\?/],
  ['get_pull_request_reviews', { ...api, pull_number: 5 }, /Looks good/],
  ['create_issue', { ...api, title: 'Old-style', body: 'b', labels: ['bug'] }, /^Created #\d+/],
  ['update_issue', { ...api, issue_number: 2, state: 'closed' }, /^Updated #2/],
  [
    'create_pull_request_review',
    { ...api, pull_number: 5, body: 'ok', event: 'COMMENT' },
    /^Reviewed #5 \(COMMENTED\)/,
  ],
  ['search_code', { q: 'answer' }, /acme\/api:src\/index\.ts/],
  ['search_issues', { q: 'crash' }, /Crash on start/],
  ['search_users', { q: 'alice' }, /^1 result.*\n.*\nalice \(User\)/],
  ['search_repositories', { query: 'website' }, /acme\/web/],
  ['get_file_contents', { ...api, path: 'README.md', branch: 'develop' }, /acme\/api\/README\.md/],
  ['list_commits', { ...api, sha: 'main' }, /Change 3/],
  ['list_issues', { ...api, state: 'all' }, /Old bug/],
  ['list_pull_requests', { ...api, state: 'open' }, /#5 Add feature/],
  ['add_issue_comment', { ...api, issue_number: 1, body: 'hi' }, /^Commented on #1/],
  ['create_branch', { ...api, branch: 'ref-branch', from_branch: 'main' }, /^Created branch ref-branch/],
  [
    'create_or_update_file',
    { ...api, path: 'ref.md', content: 'x', message: 'm', branch: 'ref-branch' },
    /^Created/,
  ],
  [
    'push_files',
    { ...api, branch: 'ref-branch', message: 'm', files: [{ path: 'p.md', content: 'p' }] },
    /^Pushed 1 file/,
  ],
  ['create_pull_request', { ...api, title: 'Ref PR', head: 'ref-branch', base: 'main' }, /^Opened #\d+/],
  ['update_pull_request_branch', { ...api, pull_number: 5 }, /^Branch update of #5 started/],
  ['merge_pull_request', { ...api, pull_number: 5, merge_method: 'merge' }, /^Merged #5/],
  ['fork_repository', { owner: 'acme', repo: 'web' }, /^Forked acme\/web to alice\/web/],
  [
    'create_repository',
    { name: 'ref-repo', description: 'd', private: false, autoInit: true },
    /^Created alice\/ref-repo/,
  ],
];

describe("the reference server's 26 tool names", () => {
  const h = useSession();

  it('covers all 26 names', () => {
    expect(new Set(REFERENCE.map(([n]) => n)).size).toBe(26);
  });

  it.each(REFERENCE)('%s works with the reference input', async (name, args, expected) => {
    const { isError, text } = await h.s.call(name, args);
    expect(isError, text).toBe(false);
    expect(text).toMatch(expected);
  });

  it('the renamed ones are hidden from tools/list', async () => {
    const { tools } = await h.s.client.client.listTools();
    const listed = new Set(tools.map((t) => t.name));
    for (const hidden of [
      'get_issue',
      'create_issue',
      'update_issue',
      'get_pull_request',
      'get_pull_request_files',
      'get_pull_request_status',
      'get_pull_request_comments',
      'get_pull_request_reviews',
      'create_pull_request_review',
    ]) {
      expect(listed.has(hidden)).toBe(false);
    }
    expect(tools).toHaveLength(40);
  });

  it('old inputs are checked like new ones', async () => {
    const missing = await h.s.call('search_code', {});
    expect(missing.text).toMatch(/^\[invalid_input\] query is required/);
    const lines = await h.s.call('create_pull_request_review', {
      ...api,
      pull_number: 5,
      body: 'x',
      event: 'COMMENT',
      comments: [{ path: 'a', body: 'b' }],
    });
    expect(lines.text).toMatch(/^\[invalid_input\] line comments in one review call are not supported/);
    const bad = await h.s.call('get_issue', { ...api, issue_number: -1 });
    expect(bad.isError).toBe(true);
  });
});

describe('--exclude-tools and --read-only reach the old names', () => {
  const h = useSession(['--exclude-tools', 'issue_write,pull_request_read']);
  const ro = useSession(['--read-only']);

  it('excluding a tool excludes the reference names that stand for it', async () => {
    for (const [name, args] of [
      ['create_issue', { ...api, title: 'Sneaky' }],
      ['update_issue', { ...api, issue_number: 2, state: 'closed' }],
      ['get_pull_request_files', { ...api, pull_number: 5 }],
    ] as const) {
      await expect(h.s.client.client.callTool({ name, arguments: args })).rejects.toThrow(/not found/i);
    }
    expect((await h.s.call('get_issue', { ...api, issue_number: 1 })).text).toMatch(/^#1 Crash on start/);
  });

  it('read-only keeps the old reads and drops the old writes', async () => {
    expect((await ro.s.call('get_issue', { ...api, issue_number: 1 })).text).toMatch(/^#1 Crash on start/);
    await expect(
      ro.s.client.client.callTool({ name: 'create_issue', arguments: { ...api, title: 'x' } }),
    ).rejects.toThrow(/not found/i);
  });
});

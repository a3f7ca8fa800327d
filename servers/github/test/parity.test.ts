import { describe, expect, it } from 'vitest';
import { session, useSession } from './helpers.js';
import { thread } from './tour.js';

// github-mcp-server's inputs carried over (see the README's "Differences" paragraph).
describe("github-mcp-server's methods and fields against the fake", () => {
  const h = useSession();
  const api = { owner: 'acme', repo: 'api' };

  it('issue_read get_parent names the parent of a sub-issue, and says when there is none', async () => {
    const add = await h.s.call('sub_issue_write', {
      method: 'add',
      ...api,
      issue_number: 1,
      sub_issue_owner: 'acme',
      sub_issue_repo: 'api',
      sub_issue_number: 2,
    });
    expect(add.isError).toBe(false);
    const { text, isError, result } = await h.s.call('issue_read', {
      method: 'get_parent',
      ...api,
      issue_number: 2,
    });
    expect(isError).toBe(false);
    expect(text).toMatch(/^Parent of acme\/api#2: #1 in acme\/api \[open\]/);
    // The title is user text: inside the untrusted fence.
    expect(text).toMatch(/<untrusted-data[^>]*>\s*Crash on start\s*<\/untrusted-data/);
    expect(result.structuredContent).toMatchObject({ number: 1, title: 'Crash on start' });
    const none = await h.s.call('issue_read', { method: 'get_parent', ...api, issue_number: 1 });
    expect(none.isError).toBe(true);
    expect(none.text).toMatch(/parent of acme\/api#1 \(none if it is not a sub-issue\)/);
  });
});

describe('get_parent under --repos', () => {
  it('withholds a parent in a repository outside the list', async () => {
    const s = await session(['--repos', 'acme/web']);
    try {
      const web1 = s.fake.state.repo('acme', 'web').issues[0];
      s.fake.state.repo('acme', 'api').issues[0].subIssues.push(web1.id);
      const { text, result, isError } = await s.call('issue_read', {
        method: 'get_parent',
        owner: 'acme',
        repo: 'web',
        issue_number: 1,
      });
      expect(isError).toBe(false);
      expect(text).toMatch(/outside --repos; it is not shown/);
      expect(text).not.toMatch(/Crash/);
      expect(result.structuredContent).toEqual({ withheld: true });
      const refused = await s.call('issue_read', {
        method: 'get_parent',
        owner: 'acme',
        repo: 'api',
        issue_number: 2,
      });
      expect(refused.text).toMatch(/acme\/api is outside/);
      expect(s.fake.requests.map((r) => r.repo).filter((r) => r && r !== 'acme/web')).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('pull_request_review_write resolve_thread / unresolve_thread', () => {
  const h = useSession();
  const pr = { owner: 'acme', repo: 'api', pullNumber: 5 };
  const comment = () => h.s.fake.state.repo('acme', 'api').pulls[0].reviewComments[0];

  it('resolves and unresolves a thread by its node ID', async () => {
    const threadId = thread(h.s.fake);
    const done = await h.s.call('pull_request_review_write', { method: 'resolve_thread', ...pr, threadId });
    expect(done.isError, done.text).toBe(false);
    expect(done.result.structuredContent).toMatchObject({ id: threadId, number: 5, isResolved: true });
    expect(comment().resolved).toBe(true);
    const undone = await h.s.call('pull_request_review_write', {
      method: 'unresolve_thread',
      ...pr,
      threadId,
    });
    expect(undone.result.structuredContent).toMatchObject({ isResolved: false });
    expect(comment().resolved).toBe(false);
  });

  it('resolves a thread that add_comment_to_pending_review started', async () => {
    await h.s.call('pull_request_review_write', { method: 'create', ...pr });
    const added = await h.s.call('add_comment_to_pending_review', {
      ...pr,
      path: 'src/feature.ts',
      body: 'Nit',
      line: 2,
    });
    const threadId = (added.result.structuredContent as { id: string }).id;
    const done = await h.s.call('pull_request_review_write', { method: 'resolve_thread', ...pr, threadId });
    expect(done.isError, done.text).toBe(false);
    expect(h.s.fake.state.repo('acme', 'api').pulls[0].reviewComments.at(-1)?.resolved).toBe(true);
  });

  it('needs threadId, a real thread, and the thread of the named pull request', async () => {
    const missing = await h.s.call('pull_request_review_write', { method: 'resolve_thread', ...pr });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/threadId is required for resolve_thread/);
    const unknown = await h.s.call('pull_request_review_write', {
      method: 'resolve_thread',
      ...pr,
      threadId: 'PRRT_nothing',
    });
    expect(unknown.text).toMatch(
      /^\[not_found\] threadId PRRT_nothing is not a review thread of acme\/api#5/,
    );
    const sent = h.s.fake.graphqlLog.length;
    const other = await h.s.call('pull_request_review_write', {
      method: 'resolve_thread',
      ...pr,
      pullNumber: 6,
      threadId: thread(h.s.fake),
    });
    expect(other.text).toMatch(/^\[not_found\] threadId \S+ is not a review thread of acme\/api#6/);
    expect(h.s.fake.graphqlLog.slice(sent).map((b) => b.query)).not.toContainEqual(
      expect.stringMatching(/^mutation/),
    );
  });
});

describe('resolve_thread under --repos', () => {
  it('refuses a thread in a repository outside the list, with no mutation sent', async () => {
    const s = await session(['--repos', 'acme/api']);
    try {
      const web = s.fake.state.repo('acme', 'web');
      web.pulls.push({
        number: 99,
        reviews: [],
        reviewComments: [{ id: 424242, body: 'x', author: 'alice' }],
      });
      const threadId = Buffer.from('PRRT:424242').toString('base64');
      const direct = await s.call('pull_request_review_write', {
        method: 'resolve_thread',
        owner: 'acme',
        repo: 'web',
        pullNumber: 99,
        threadId,
      });
      expect(direct.text).toMatch(/acme\/web is outside/);
      expect(s.fake.graphqlLog).toEqual([]);
      const disguised = await s.call('pull_request_review_write', {
        method: 'resolve_thread',
        owner: 'acme',
        repo: 'api',
        pullNumber: 99,
        threadId,
      });
      expect(disguised.text).toMatch(/^\[not_found\] threadId \S+ is not a review thread of acme\/api#99/);
      // Looked up through the listed pull request only: the thread's own ID is never asked about.
      expect(
        s.fake.graphqlLog.map((b) => [b.query.split('(')[0], b.variables?.owner, b.variables?.name]),
      ).toEqual([['query PullThreads', 'acme', 'api']]);
      expect(web.pulls.at(-1).reviewComments[0].resolved).toBeUndefined();
    } finally {
      await s.close();
    }
  });
});

describe("list_issues with github-mcp-server's spellings", () => {
  const h = useSession();
  const web = { owner: 'acme', repo: 'web', perPage: 3 };
  const numbers = (r: { result: { structuredContent?: unknown } }) =>
    (r.result.structuredContent as { items: { number: number }[] }).items.map((i) => i.number);

  it('takes state and direction in capitals as well as lower case', async () => {
    const issues = h.s.fake.state.repo('acme', 'web').issues;
    issues[0].state = 'closed';
    const closed = await h.s.call('list_issues', { ...web, state: 'CLOSED' });
    expect(numbers(closed)).toEqual([1]);
    expect(numbers(await h.s.call('list_issues', { ...web, state: 'closed' }))).toEqual([1]);
    expect(numbers(await h.s.call('list_issues', { ...web, state: 'ALL', direction: 'ASC' }))).toEqual([
      1, 2, 3,
    ]);
    expect(numbers(await h.s.call('list_issues', { ...web, direction: 'asc' }))).toEqual([2, 3, 4]);
    expect(h.s.fake.requests.at(-1)?.query).toMatchObject({
      state: 'open',
      direction: 'asc',
      sort: 'created',
    });
    issues[0].state = 'open';
  });

  it('orders by UPDATED_AT or COMMENTS and filters by since', async () => {
    const issues = h.s.fake.state.repo('acme', 'web').issues;
    issues[9].updatedAt = '2026-03-01T00:00:00Z';
    issues[19].updatedAt = '2026-02-01T00:00:00Z';
    issues[4].comments.push({ id: 1, body: 'a', author: 'bob' }, { id: 2, body: 'b', author: 'bob' });
    issues[6].comments.push({ id: 3, body: 'c', author: 'bob' });
    expect(
      numbers(await h.s.call('list_issues', { ...web, orderBy: 'UPDATED_AT', direction: 'DESC' })),
    ).toEqual([10, 20, 45]);
    expect(numbers(await h.s.call('list_issues', { ...web, orderBy: 'COMMENTS' })).slice(0, 2)).toEqual([
      5, 7,
    ]);
    const since = await h.s.call('list_issues', { ...web, since: '2026-01-15T00:00:00Z' });
    expect(numbers(since)).toEqual([20, 10]);
  });

  it('takes after as the cursor, never together with cursor', async () => {
    const first = await h.s.call('list_issues', web);
    const cursor = (first.result.structuredContent as { nextCursor: string }).nextCursor;
    const byAfter = await h.s.call('list_issues', { ...web, after: cursor });
    const byCursor = await h.s.call('list_issues', { ...web, cursor });
    expect(numbers(byAfter)).toEqual(numbers(byCursor));
    expect(numbers(byAfter)).toEqual([42, 41, 40]);
    const both = await h.s.call('list_issues', { ...web, after: cursor, cursor });
    expect(both.isError).toBe(true);
    expect(both.text).toMatch(/after and cursor were both given/);
  });
});

describe('list_commits path/since/until and get_commit detail', () => {
  const h = useSession();
  const api = { owner: 'acme', repo: 'api' };
  const messages = (r: { result: { structuredContent?: unknown } }) =>
    (r.result.structuredContent as { items: { message: string }[] }).items.map((c) => c.message);

  it('filters by path, and by since/until (dates or timestamps)', async () => {
    const commits = [...h.s.fake.state.repo('acme', 'api').commits.values()];
    commits.forEach((c, i) => {
      c.date = `2026-02-0${i + 1}T12:00:00Z`;
    });
    const readme = await h.s.call('list_commits', { ...api, path: 'README.md' });
    expect(messages(readme)).toEqual(['Initial commit']);
    expect(h.s.fake.requests.at(-1)?.query).toMatchObject({ path: 'README.md' });
    const window = await h.s.call('list_commits', {
      ...api,
      since: '2026-02-02',
      until: '2026-02-03T23:00:00Z',
    });
    expect(messages(window)).toEqual(['Change 2: tweak answer', 'Change 1: tweak answer']);
    expect(h.s.fake.requests.at(-1)?.query).toMatchObject({
      since: '2026-02-02T00:00:00Z',
      until: '2026-02-03T23:00:00Z',
    });
    const upTo = await h.s.call('list_commits', { ...api, until: '2026-02-01' });
    expect(messages(upTo)).toEqual(['Initial commit']);
    const bad = await h.s.call('list_commits', { ...api, since: 'last week' });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/since.*YYYY-MM-DD/s);
  });

  it("get_commit takes github-mcp-server's detail as well as include_diff", async () => {
    const files = (r: { result: { structuredContent?: unknown } }) =>
      (r.result.structuredContent as { files: Record<string, unknown>[] }).files;
    const full = await h.s.call('get_commit', { ...api, sha: 'main', detail: 'full_patch' });
    expect(files(full)[0]).toHaveProperty('patch');
    const stats = await h.s.call('get_commit', { ...api, sha: 'main', detail: 'stats' });
    expect(files(stats)[0]).toMatchObject({ filename: 'src/index.ts', status: 'modified' });
    expect(files(stats)[0]).not.toHaveProperty('patch');
    expect(files(await h.s.call('get_commit', { ...api, sha: 'main', include_diff: false }))).toEqual(
      files(stats),
    );
    const none = await h.s.call('get_commit', { ...api, sha: 'main', detail: 'none' });
    expect(files(none)).toEqual([]);
    expect(none.text).toMatch(/Change 3: tweak answer/);
    const both = await h.s.call('get_commit', { ...api, sha: 'main', detail: 'none', include_diff: true });
    expect(both.text).toMatch(/detail and include_diff were both given/);
  });
});

describe('pull request reviewers and draft', () => {
  const h = useSession();
  const api = { owner: 'acme', repo: 'api' };
  const pull = (n: number) =>
    h.s.fake.state.repo('acme', 'api').pulls.find((p: { number: number }) => p.number === n);

  it('create_pull_request requests reviewers (logins and ORG/team-slug) after opening', async () => {
    await h.s.call('create_branch', { ...api, branch: 'rev' });
    const made = await h.s.call('create_pull_request', {
      ...api,
      title: 'With reviewers',
      head: 'rev',
      base: 'main',
      reviewers: ['bob', 'acme/core'],
    });
    expect(made.isError, made.text).toBe(false);
    const { number } = made.result.structuredContent as { number: number };
    expect(pull(number)).toMatchObject({ requestedReviewers: ['bob'], requestedTeams: ['core'] });
  });

  it('refuses a team of another organisation before any request, and says the PR exists when GitHub refuses a reviewer', async () => {
    const before = h.s.fake.requests.length;
    const foreign = await h.s.call('create_pull_request', {
      ...api,
      title: 'x',
      head: 'rev',
      base: 'main',
      reviewers: ['evil/crew'],
    });
    expect(foreign.text).toMatch(/reviewers entry "evil\/crew" is not a team of acme/);
    expect(h.s.fake.requests.length).toBe(before);
    const stranger = await h.s.call('update_pull_request', {
      ...api,
      pullNumber: 5,
      reviewers: ['nobody-here'],
    });
    expect(stranger.isError).toBe(true);
    expect(stranger.text).toMatch(/Updated #5, but requesting reviewers failed/);
  });

  it('update_pull_request draft converts to a draft and back (GraphQL), and alone is a change', async () => {
    const toDraft = await h.s.call('update_pull_request', { ...api, pullNumber: 5, draft: true });
    expect(toDraft.isError, toDraft.text).toBe(false);
    expect(pull(5).draft).toBe(true);
    expect(h.s.fake.graphqlLog.at(-1)?.query).toMatch(/^mutation ConvertToDraft/);
    await h.s.call('update_pull_request', { ...api, pullNumber: 5, draft: false, title: 'Ready' });
    expect(pull(5)).toMatchObject({ draft: false, title: 'Ready' });
    expect(h.s.fake.graphqlLog.at(-1)?.query).toMatch(/^mutation MarkReady/);
    const nothing = await h.s.call('update_pull_request', { ...api, pullNumber: 5 });
    expect(nothing.text).toMatch(/nothing to change.*draft, reviewers/s);
  });

  it('a failed draft change after other changes says those were saved', async () => {
    h.s.fake.fail({ path: /^\/graphql$/, status: 502, times: 5 }); // retried twice first
    const both = await h.s.call('update_pull_request', { ...api, pullNumber: 5, draft: true, title: 'Both' });
    expect(both.isError).toBe(true);
    expect(both.text).toMatch(/^\[upstream\] Updated #5, but changing the draft state failed/);
    expect(pull(5)).toMatchObject({ title: 'Both', draft: false });
  });
});

describe('search_code sort/order', () => {
  const h = useSession(['--repos', 'acme/api']);

  it('passes sort=indexed and order to GitHub, and neither without sort', async () => {
    const sorted = await h.s.call('search_code', { query: 'answer', sort: 'indexed', order: 'asc' });
    expect(sorted.isError, sorted.text).toBe(false);
    expect(h.s.fake.requests.at(-1)?.query).toMatchObject({ sort: 'indexed', order: 'asc' });
    await h.s.call('search_code', { query: 'answer' });
    expect(h.s.fake.requests.at(-1)?.query).not.toHaveProperty('sort');
    const bad = await h.s.call('search_code', { query: 'answer', sort: 'stars' });
    expect(bad.isError).toBe(true);
  });
});

describe('issue_write duplicate_of', () => {
  const h = useSession();
  const api = { owner: 'acme', repo: 'web' };

  it('closes an issue as a duplicate of another in the same repository', async () => {
    const issues = h.s.fake.state.repo('acme', 'web').issues;
    const done = await h.s.call('issue_write', {
      method: 'update',
      ...api,
      issue_number: 2,
      duplicate_of: 1,
    });
    expect(done.isError, done.text).toBe(false);
    expect(issues[1]).toMatchObject({ state: 'closed', stateReason: 'duplicate', duplicateOf: issues[0].id });
  });

  it('refuses duplicate_of with another state or reason, on create, or naming no issue', async () => {
    const reopen = await h.s.call('issue_write', {
      method: 'update',
      ...api,
      issue_number: 3,
      duplicate_of: 1,
      state: 'open',
    });
    expect(reopen.text).toMatch(/duplicate_of closes the issue as a duplicate/);
    const create = await h.s.call('issue_write', { method: 'create', ...api, title: 'x', duplicate_of: 1 });
    expect(create.text).toMatch(/issue_number, state and duplicate_of are for method update/);
    const missing = await h.s.call('issue_write', {
      method: 'update',
      ...api,
      issue_number: 3,
      duplicate_of: 999,
    });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/acme\/web#999 \(duplicate_of\)/);
    expect(h.s.fake.state.repo('acme', 'web').issues[2].state).toBe('open');
  });
});

describe('add_issue_comment reactions', () => {
  const h = useSession(['--repos', 'acme/api']);
  const api = { owner: 'acme', repo: 'api' };
  const issue = () => h.s.fake.state.repo('acme', 'api').issues[0];

  it('reacts to the issue, to one of its comments, or comments and reacts at once', async () => {
    const onIssue = await h.s.call('add_issue_comment', { ...api, issue_number: 1, reaction: 'eyes' });
    expect(onIssue.text).toMatch(/^Reacted eyes to #1: .*\/acme\/api\/issues\/1$/);
    const commentId = issue().comments[0].id;
    const onComment = await h.s.call('add_issue_comment', {
      ...api,
      issue_number: 1,
      reaction: '+1',
      comment_id: commentId,
    });
    expect(onComment.text).toMatch(new RegExp(`^Reacted \\+1 to comment ${commentId} on acme/api#1`));
    const both = await h.s.call('add_issue_comment', {
      ...api,
      issue_number: 1,
      body: 'Agreed',
      reaction: 'heart',
    });
    expect(both.text).toMatch(/^Commented on #1; Reacted heart to #1/);
    expect(issue().reactions.map((r: { content: string }) => r.content)).toEqual(['eyes', 'heart']);
    expect(issue().comments[0].reactions.map((r: { content: string }) => r.content)).toEqual(['+1']);
  });

  it('refuses neither, a comment_id with a body, and another repository before any request', async () => {
    const before = h.s.fake.requests.length;
    const neither = await h.s.call('add_issue_comment', { ...api, issue_number: 1 });
    expect(neither.text).toMatch(/body or reaction is required/);
    const mixed = await h.s.call('add_issue_comment', {
      ...api,
      issue_number: 1,
      body: 'x',
      comment_id: 1,
      reaction: 'eyes',
    });
    expect(mixed.text).toMatch(/comment_id takes a reaction and no body/);
    const outside = await h.s.call('add_issue_comment', {
      owner: 'evil',
      repo: 'loot',
      issue_number: 1,
      reaction: 'eyes',
    });
    expect(outside.text).toMatch(/evil\/loot is outside/);
    const bad = await h.s.call('add_issue_comment', { ...api, issue_number: 1, reaction: 'thumbsup' });
    expect(bad.isError).toBe(true);
    expect(h.s.fake.requests.length).toBe(before);
  });
});

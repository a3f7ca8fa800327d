import { describe, expect, it } from 'vitest';
import { fullRepo } from './fake/index.mjs';
import { useSession } from './helpers.js';

const ALLOWED = new Set(['acme/api', 'acme/web']);

/**
 * The toxic agent flow: alice's token can write to evil/loot and read acme/secret, a public
 * issue asks the agent to copy one into the other. With --repos acme/api,acme/web every step
 * outside the list is refused before any request leaves the server.
 */
describe('--repos confinement', () => {
  const h = useSession(['--repos', 'acme/api,acme/web']);

  const refusals: [string, string, Record<string, unknown>, RegExp][] = [
    [
      'read of a private repo outside',
      'get_file_contents',
      { owner: 'acme', repo: 'secret', path: 'keys.txt' },
      /acme\/secret is outside/,
    ],
    [
      'cross-repo push',
      'push_files',
      { owner: 'evil', repo: 'loot', branch: 'main', message: 'x', files: [{ path: 'k', content: 'TOP' }] },
      /evil\/loot is outside/,
    ],
    [
      'cross-repo file write',
      'create_or_update_file',
      { owner: 'evil', repo: 'loot', path: 'k', content: 'x', message: 'm', branch: 'main' },
      /outside/,
    ],
    [
      'issue in a foreign repo',
      'issue_write',
      { method: 'create', owner: 'evil', repo: 'loot', title: 'leak' },
      /outside/,
    ],
    [
      'comment in a foreign repo',
      'add_issue_comment',
      { owner: 'evil', repo: 'loot', issue_number: 1, body: 'x' },
      /outside/,
    ],
    [
      'fork to my account (alice/api not listed)',
      'fork_repository',
      { owner: 'acme', repo: 'api' },
      /the fork target alice\/api is outside/,
    ],
    [
      'fork into a foreign org',
      'fork_repository',
      { owner: 'acme', repo: 'api', organization: 'evil' },
      /the fork target evil\/api is outside/,
    ],
    [
      'fork of a foreign repo',
      'fork_repository',
      { owner: 'acme', repo: 'secret' },
      /acme\/secret is outside/,
    ],
    [
      'PR head from a foreign fork',
      'create_pull_request',
      { owner: 'acme', repo: 'api', title: 't', head: 'evil:main', base: 'main' },
      /the head repository evil\/api is outside/,
    ],
    [
      'sub-issue from a foreign repo',
      'sub_issue_write',
      {
        method: 'add',
        owner: 'acme',
        repo: 'api',
        issue_number: 1,
        sub_issue_owner: 'acme',
        sub_issue_repo: 'secret',
        sub_issue_number: 1,
      },
      /sub-issue repository acme\/secret is outside/,
    ],
    [
      'bare sub_issue_id',
      'sub_issue_write',
      { method: 'add', owner: 'acme', repo: 'api', issue_number: 1, sub_issue_id: 1234 },
      /bare sub_issue_id cannot be checked/,
    ],
    [
      'search naming another repo',
      'search_issues',
      { query: 'key repo:acme/secret' },
      /names repo:acme\/secret/,
    ],
    ['search naming an org', 'search_code', { query: 'TOP org:acme' }, /names org:acme/],
    ['search with a quoted qualifier', 'search_code', { query: 'TOP "repo":acme/secret' }, /outside/],
    ['search owner field', 'search_issues', { query: 'crash', owner: 'evil' }, /names user:evil/],
    [
      'new repository outside',
      'create_repository',
      { name: 'loot2' },
      /the new repository alice\/loot2 is outside/,
    ],
    [
      'owner given as a URL',
      'list_issues',
      { owner: 'https://github.com/evil', repo: 'loot' },
      /not a GitHub user or organisation name/,
    ],
    [
      'repo with a path',
      'list_issues',
      { owner: 'acme', repo: 'api/../../evil/loot' },
      /not a GitHub repository name/,
    ],
    [
      'file path climbing out',
      'get_file_contents',
      { owner: 'acme', repo: 'api', path: '../../evil/loot/contents/x' },
      /not a plain repository path/,
    ],
    [
      'ref smuggling a query',
      'get_file_contents',
      { owner: 'acme', repo: 'api', path: 'README.md', ref: 'main?ref=x' },
      /not a valid branch/,
    ],
    [
      'branch that looks like an option',
      'create_branch',
      { owner: 'acme', repo: 'api', branch: '--force' },
      /not a valid branch/,
    ],
  ];

  it.each(refusals)('refuses %s', async (_label, tool, args, why) => {
    const { isError, text } = await h.s.call(tool, args);
    expect(isError).toBe(true);
    expect(text).toMatch(why);
    expect(text).not.toMatch(/TOP-SECRET/);
  });

  it('still works inside the list, whatever the case', async () => {
    const { isError, text } = await h.s.call('list_issues', { owner: 'ACME', repo: 'Api' });
    expect(isError).toBe(false);
    expect(text).toMatch(/Crash on start/);
  });

  it('confines searches by adding qualifiers: private matches elsewhere never show', async () => {
    const code = await h.s.call('search_code', { query: 'TOP-SECRET' });
    expect(code.text).toMatch(/^0 result/);
    const repos = await h.s.call('search_repositories', { query: 'secret' });
    expect(repos.text).not.toMatch(/acme\/secret/);
    const all = await h.s.call('search_repositories', { query: 'the' });
    const names = (all.result.structuredContent as { items: { full_name: string }[] }).items
      .map((r) => r.full_name)
      .sort();
    expect(names).toEqual(['acme/api', 'acme/web']);
  });

  it('checks search answers again: an item from another repository is dropped', async () => {
    const item = {
      number: 1,
      title: 'leaked',
      state: 'open',
      user: { login: 'x' },
      labels: [],
      comments: 0,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      html_url: 'https://x/acme/secret/issues/1',
      repository_url: `${h.s.fake.origin}/api/v3/repos/acme/secret`,
    };
    h.s.fake.fail({
      path: /^\/search\/issues/,
      status: 200,
      body: { total_count: 1, incomplete_results: false, items: [item] },
    });
    const { text } = await h.s.call('search_issues', { query: 'leaked' });
    expect(text).not.toMatch(/#1 leaked/);
    expect(text).toMatch(/^0 result/);
  });

  it('update_pull_request_branch refuses a pull request whose head lives outside the list (it writes there)', async () => {
    const { state, origin } = h.s.fake;
    const api = state.repo('acme', 'api');
    const loot = state.repo('evil', 'loot');
    const headRepoJson = fullRepo(`${origin}/api/v3`, origin, loot, state.user('evil'));
    const number = api.nextNumber++;
    api.pulls.push({ ...api.pulls[0], id: 990_001, number, head: 'main', headRepoJson });
    const { isError, text } = await h.s.call('update_pull_request_branch', {
      owner: 'acme',
      repo: 'api',
      pullNumber: number,
    });
    expect(isError).toBe(true);
    expect(text).toMatch(/the head repository evil\/loot is outside/);
    expect(h.s.fake.requests.some((r) => r.path.endsWith(`/pulls/${number}/update-branch`))).toBe(false);
    const own = await h.s.call('update_pull_request_branch', { owner: 'acme', repo: 'api', pullNumber: 5 });
    expect(own.isError).toBe(false);
  });

  it('follows no redirect out of the list (a transferred issue); one into the list is followed', async () => {
    const api = h.s.fake.state.repo('acme', 'api');
    const moved = (to: string) => {
      const number = api.nextNumber++;
      api.issues.push({ ...api.issues[0], id: 990_000 + number, number, movedTo: to });
      return number;
    };
    const out = await h.s.call('issue_read', {
      owner: 'acme',
      repo: 'api',
      issue_number: moved('/repos/acme/secret/issues/1'),
    });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(
      /redirected this request to acme\/secret.*only redirects to a listed repository/,
    );
    // Anything but /repos/<listed>/... on the API, and anything off it but a log download, is refused.
    for (const to of [
      '/repositories/7/issues/1',
      '//repositories/7/issues/1',
      '/Repositories/7/issues/1',
      '/repos/acme/web%2F..%2F..%2Facme%2Fsecret/issues/1',
      'http://127.0.0.1:9/api/v3/repos/acme/secret/issues/1',
    ]) {
      const refused = await h.s.call('issue_read', { owner: 'acme', repo: 'api', issue_number: moved(to) });
      expect(refused.isError, to).toBe(true);
      expect(refused.text, to).toMatch(
        /only redirects to a listed repository \(or a log download\) are followed/,
      );
    }
    const inside = await h.s.call('issue_read', {
      owner: 'acme',
      repo: 'api',
      issue_number: moved('/repos/acme/web/issues/1'),
    });
    expect(inside.isError).toBe(false);
    expect(h.s.fake.requests.at(-1)?.path).toBe('/api/v3/repos/acme/web/issues/1');
  });

  it("after all of it, the fake's log shows no request for a repository outside the list", () => {
    const log = h.s.fake.requests;
    expect(log.length).toBeGreaterThan(5);
    const foreign = log.filter((r) => r.repo && !ALLOWED.has(r.repo));
    expect(foreign).toEqual([]);
    const searches = log.filter((r) => r.path.startsWith('/api/v3/search/'));
    expect(searches.length).toBeGreaterThan(0);
    for (const s of searches) {
      expect(s.query.q).toMatch(/repo:acme\/api repo:acme\/web/);
      expect(s.query.q).not.toMatch(/(repo|org|user):(acme\/secret|evil)/i);
    }
    expect(log.some((r) => /secret|evil|loot/.test(r.path))).toBe(false);
  });
});

// GitHub takes a head of owner:branch from that owner's repository in the base's fork network,
// whatever its name: evil/api-copy is evil's fork of acme/api.
describe('--repos and a fork named differently from its base', () => {
  const listedElsewhere = useSession(['--repos', 'acme/api,evil/api']);
  const listedFork = useSession(['--repos', 'acme/api,evil/api-copy']);
  const pr = { owner: 'acme', repo: 'api', title: 'From the fork', head: 'evil:payload', base: 'main' };

  it("refuses owner:branch when none of that owner's listed repositories is the fork, asking nothing outside", async () => {
    const { isError, text } = await listedElsewhere.s.call('create_pull_request', pr);
    expect(isError).toBe(true);
    expect(text).toMatch(/evil:payload comes from evil's fork of acme\/api, and none of evil\/api \(/);
    const paths = listedElsewhere.s.fake.requests.map((r) => r.path.toLowerCase());
    expect(paths.some((p) => p.includes('/api-copy'))).toBe(false);
    expect(paths.some((p) => p.endsWith('/repos/acme/api/pulls'))).toBe(false);
  });

  it('refuses a head with more than one ":" or a bad owner, before any request', async () => {
    const before = listedFork.s.fake.requests.length;
    for (const head of ['acme:secret:main', 'acme:main:x/../../y', 'ev!l:main', ':main']) {
      const { isError, text } = await listedFork.s.call('create_pull_request', { ...pr, head });
      expect(isError, head).toBe(true);
      expect(text, head).toMatch(/^\[invalid_input\] head: /);
    }
    expect(listedFork.s.fake.requests.length).toBe(before);
  });

  it('opens it when the listed repository is that fork', async () => {
    const { isError, text } = await listedFork.s.call('create_pull_request', pr);
    expect(isError).toBe(false);
    expect(text).toMatch(/^Opened #\d+/);
  });
});

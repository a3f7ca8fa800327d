import { describe, expect, it } from 'vitest';
import { useSession } from './helpers.js';

type Resource = {
  type: 'resource';
  resource: { uri: string; text?: string; blob?: string; mimeType?: string };
};

describe('repository tools', () => {
  const h = useSession();
  const api = { owner: 'acme', repo: 'api' };

  it('get_file_contents embeds a text file as a repo:// resource', async () => {
    const { result } = await h.s.call('get_file_contents', { ...api, path: 'src/index.ts' });
    const block = result.content.find((b) => b.type === 'resource') as Resource;
    expect(block.resource).toEqual({
      uri: 'repo://acme/api/contents/src/index.ts',
      text: 'export const answer = 43;\n',
      mimeType: 'text/typescript',
    });
    expect(h.s.client.textOf(result)).toMatch(/untrusted data/);
  });

  it('names the ref or sha in the URI, and embeds binary files as blobs', async () => {
    const at = await h.s.call('get_file_contents', { ...api, path: 'README.md', ref: 'refs/heads/develop' });
    expect((at.result.content.find((b) => b.type === 'resource') as Resource).resource.uri).toBe(
      'repo://acme/api/refs/heads/develop/contents/README.md',
    );
    const bin = await h.s.call('get_file_contents', { ...api, path: 'assets/logo.png' });
    const res = (bin.result.content.find((b) => b.type === 'resource') as Resource).resource;
    expect(res.blob).toBeDefined();
    expect(res.mimeType).toBe('image/png');
  });

  it('lists a directory', async () => {
    const { text, result } = await h.s.call('get_file_contents', { ...api, path: 'src' });
    expect(text).toMatch(/src\/index\.ts \(\d+ B\)\nsrc\/util\//);
    expect((result.structuredContent as { entries: unknown[] }).entries).toHaveLength(2);
  });

  it('links a file past 1 MB instead of embedding it', async () => {
    const repo = h.s.fake.state.repo('acme', 'api');
    const head = repo.branches.get('main');
    repo.commits.get(head).files.set('big.bin', 'x'.repeat(1024 * 1024 + 10));
    const { result, text } = await h.s.call('get_file_contents', { ...api, path: 'big.bin' });
    const link = result.content.find((b) => b.type === 'resource_link') as { uri: string; size: number };
    expect(link.uri).toBe('repo://acme/api/contents/big.bin');
    expect(link.size).toBe(1024 * 1024 + 10);
    expect(text).toMatch(/over 1 MB/);
    repo.commits.get(head).files.delete('big.bin');
  });

  it('writes answer {id, url}; an update needs the blob sha', async () => {
    await h.s.call('create_branch', { ...api, branch: 'w1' });
    const created = await h.s.call('create_or_update_file', {
      ...api,
      path: 'n.md',
      content: 'one',
      message: 'add',
      branch: 'w1',
    });
    expect(created.isError).toBe(false);
    const data = created.result.structuredContent as { id: string; url: string; blob_sha: string };
    expect(data.url).toMatch(/\/acme\/api\/blob\/w1\/n\.md$/);
    const blind = await h.s.call('create_or_update_file', {
      ...api,
      path: 'n.md',
      content: 'two',
      message: 'edit',
      branch: 'w1',
    });
    expect(blind.text).toMatch(/^\[conflict\]/);
    const ok = await h.s.call('create_or_update_file', {
      ...api,
      path: 'n.md',
      content: 'two',
      message: 'edit',
      branch: 'w1',
      sha: data.blob_sha,
    });
    expect(ok.isError).toBe(false);
    const read = await h.s.call('get_file_contents', { ...api, path: 'n.md', ref: 'w1' });
    expect((read.result.content.find((b) => b.type === 'resource') as Resource).resource.text).toBe('two');
  });

  it('push_files commits several files at once on top of the branch', async () => {
    await h.s.call('create_branch', { ...api, branch: 'w2', from_branch: 'develop' });
    const pushed = await h.s.call('push_files', {
      ...api,
      branch: 'w2',
      message: 'batch',
      files: [
        { path: 'x/1.txt', content: '1' },
        { path: 'x/2.txt', content: '2' },
      ],
    });
    expect(pushed.text).toMatch(/^Pushed 2 file\(s\) to w2: /);
    const listing = await h.s.call('get_file_contents', { ...api, path: 'x', ref: 'w2' });
    expect(listing.text).toMatch(/x\/1\.txt.*\nx\/2\.txt/);
    const log = await h.s.call('list_commits', { ...api, sha: 'w2', perPage: 2 });
    expect(log.text).toMatch(/batch/);
  });

  it('delete_file removes a file; a directory is refused', async () => {
    const dir = await h.s.call('delete_file', { ...api, path: 'src', message: 'rm', branch: 'main' });
    expect(dir.text).toMatch(/^\[conflict\] acme\/api\/src on main is a directory/);
    const gone = await h.s.call('delete_file', {
      ...api,
      path: 'README.md',
      message: 'rm',
      branch: 'develop',
    });
    expect(gone.isError).toBe(false);
    const again = await h.s.call('get_file_contents', { ...api, path: 'README.md', ref: 'develop' });
    expect(again.text).toMatch(/^\[not_found\]/);
  });

  it("create_branch refuses an existing branch with GitHub's reason", async () => {
    const { text } = await h.s.call('create_branch', { ...api, branch: 'develop' });
    expect(text).toMatch(
      /^\[invalid_input\] GitHub rejected the request for acme\/api branch develop: Reference already exists/,
    );
  });

  it('get_commit shows the message and the changed files, sanitised and fenced', async () => {
    const { text } = await h.s.call('get_commit', { ...api, sha: 'main' });
    expect(text).toMatch(/Change 3: tweak answer/);
    expect(text).toMatch(/modified src\/index\.ts/);
    expect(text).toMatch(/<untrusted-data/);
  });

  it('list_commits pages with the cursor and honours fields', async () => {
    const first = await h.s.call('list_commits', { ...api, perPage: 2, fields: ['sha', 'message'] });
    const data = first.result.structuredContent as { items: Record<string, unknown>[]; nextCursor: string };
    expect(Object.keys(data.items[0] ?? {})).toEqual(['sha', 'message']);
    const second = await h.s.call('list_commits', { ...api, perPage: 2, cursor: data.nextCursor });
    expect((second.result.structuredContent as typeof data).items[0]?.sha).not.toBe(data.items[0]?.sha);
  });
});

describe('file contents with invisible characters', () => {
  const h = useSession();
  it('removes bidi and zero-width characters from a text file and says so', async () => {
    const repo = h.s.fake.state.repo('acme', 'api');
    repo.commits
      .get(repo.branches.get('main'))
      .files.set('trojan.ts', 'const isAdmin = false; /*\u202E } if (isAdmin) \u2066*/\u200b\n');
    const { result } = await h.s.call('get_file_contents', { owner: 'acme', repo: 'api', path: 'trojan.ts' });
    const block = result.content.find((b) => b.type === 'resource') as Resource;
    expect(block.resource.text).toBe('const isAdmin = false; /* } if (isAdmin) */\n');
    expect(h.s.client.textOf(result)).toMatch(
      /3 invisible character\(s\) \(tag, bidi or zero-width\) were removed/,
    );
  });
});

describe('org-level reads under --repos', () => {
  const h = useSession(['--repos', 'acme/api']);
  it('teams and issue types of an owner outside the list are refused', async () => {
    expect((await h.s.call('list_issue_types', { owner: 'evil' })).text).toMatch(
      /^\[access_denied\] issue types of evil: no repository of evil is in --repos/,
    );
    expect((await h.s.call('get_team_members', { org: 'evil', team_slug: 'x' })).text).toMatch(
      /^\[access_denied\] teams of evil/,
    );
    expect((await h.s.call('list_issue_types', { owner: 'acme' })).text).toMatch(/Bug: Something broken/);
  });

  it('get_teams shows only teams of organisations that own a listed repository', async () => {
    h.s.fake.state.teams.push({ org: 'evil', slug: 'crew', name: 'Crew', members: ['alice'] });
    const { text, result } = await h.s.call('get_teams');
    expect(text).toMatch(/acme\/core \(Core\), 2 members/);
    expect(text).not.toMatch(/evil|Crew/);
    expect((result.structuredContent as { items: { org: string }[] }).items.map((t) => t.org)).toEqual([
      'acme',
    ]);
  });

  it("get_teams with user lists another user's teams (GraphQL), confined the same way", async () => {
    h.s.fake.state.teams.push({ org: 'evil', slug: 'spies', name: 'Spies', members: ['bob'] });
    const { text } = await h.s.call('get_teams', { user: 'bob' });
    expect(text).toMatch(/acme\/core \(Core\), 2 members/);
    expect(text).not.toMatch(/evil|Spies/);
    expect(h.s.fake.graphqlLog.at(-1)?.query).toMatch(/^query UserTeams/);
    const nobody = await h.s.call('get_teams', { user: 'no-such-user' });
    expect(nobody.isError).toBe(true);
    expect(nobody.text).toMatch(/^\[not_found\]/);
    const bad = await h.s.call('get_teams', { user: '../x' });
    expect(bad.text).toMatch(/user: "\.\.\/x" is not a GitHub login/);
  });

  it('team members: an allowed org reads, another org is refused before any request', async () => {
    expect((await h.s.call('get_team_members', { org: 'acme', team_slug: 'core' })).text).toMatch(
      /alice\nbob/,
    );
    const { isError } = await h.s.call('get_team_members', { org: 'evil', team_slug: 'crew' });
    expect(isError).toBe(true);
    expect(h.s.fake.requests.some((r) => r.path.startsWith('/api/v3/orgs/acme/'))).toBe(true);
    expect(h.s.fake.requests.some((r) => /\/orgs\/evil/i.test(r.path))).toBe(false);
  });

  it('search_users stays open (public profiles, no repository): the query goes out as given', async () => {
    const { text } = await h.s.call('search_users', { query: 'mallory' });
    expect(text).toMatch(/mallory \(User\)/);
    const sent = h.s.fake.requests.filter((r) => r.path === '/api/v3/search/users').at(-1);
    expect(sent?.query.q).toBe('mallory');
  });
});

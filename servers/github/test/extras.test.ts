import { describe, expect, it } from 'vitest';
import { useSession } from './helpers.js';

const ALL = ['--toolsets', 'notifications,labels,gists,code_security,dependabot'];

describe('off-by-default toolsets under --repos', () => {
  const h = useSession([...ALL, '--repos', 'acme/api']);

  it('notifications about other repositories are not listed', async () => {
    const { text, result } = await h.s.call('list_notifications');
    expect(text).toMatch(/acme\/api Issue: Crash on start \(mention\)/);
    expect(text).not.toMatch(/secret|loot|Rotate|invited/);
    expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(1);
  });

  it('a notification about another repository cannot be read or dismissed', async () => {
    const secret = h.s.fake.state.notifications.find((n: { repo: string }) => n.repo === 'acme/secret');
    for (const [tool, args] of [
      ['get_notification_details', { notificationID: String(secret.id) }],
      ['dismiss_notification', { threadID: String(secret.id), state: 'done' }],
    ] as const) {
      const { text } = await h.s.call(tool, args);
      expect(text).toMatch(/^\[access_denied\] that notification is about acme\/secret, outside --repos/);
    }
    expect(secret.done).toBeUndefined();
  });

  it('gist writes are refused: a gist is a way out of the named repositories', async () => {
    const before = h.s.fake.state.gists.length;
    const { text } = await h.s.call('create_gist', { files: { 'keys.txt': 'TOP-SECRET' }, public: true });
    expect(text).toMatch(/^\[access_denied\] gists are outside --repos/);
    expect(h.s.fake.state.gists.length).toBe(before);
    expect(h.s.fake.requests.some((r) => r.path.endsWith('/gists') && r.method === 'POST')).toBe(false);
  });

  it('alerts and labels of allowed repositories read; others are refused', async () => {
    expect(
      (await h.s.call('list_code_scanning_alerts', { owner: 'acme', repo: 'api', state: 'open' })).text,
    ).toMatch(/#1 \[open\] high js\/sql-injection at src\/db\.ts:12/);
    expect(
      (await h.s.call('get_dependabot_alert', { owner: 'acme', repo: 'api', alertNumber: 1 })).text,
    ).toMatch(/lodash GHSA-xxxx-yyyy-zzzz, patched in 1\.2\.3/);
    expect((await h.s.call('list_label', { owner: 'acme', repo: 'api' })).text).toMatch(
      /bug #d73a4a: Something is broken/,
    );
    expect((await h.s.call('list_dependabot_alerts', { owner: 'acme', repo: 'secret' })).text).toMatch(
      /outside/,
    );
  });

  it('label_write needs a colour to create', async () => {
    expect(
      (await h.s.call('label_write', { method: 'create', owner: 'acme', repo: 'api', name: 'x' })).text,
    ).toMatch(/^\[invalid_input\] color is required/);
    expect(
      (
        await h.s.call('label_write', {
          method: 'create',
          owner: 'acme',
          repo: 'api',
          name: 'bug',
          color: 'ffffff',
        })
      ).text,
    ).toMatch(/^\[invalid_input\] GitHub rejected the request .*already_exists/);
  });
});

describe('gists without --repos', () => {
  const h = useSession(ALL);
  it('create and read a gist; the content is fenced', async () => {
    const created = await h.s.call('create_gist', {
      files: { 'n.md': 'note <!-- hidden -->' },
      description: 'mine',
    });
    const id = (created.result.structuredContent as { id: string }).id;
    const { text } = await h.s.call('get_gist', { gist_id: id });
    expect(text).toMatch(/<untrusted-data[^>]*>\n--- n\.md \(\d+ B\)\nnote \n/);
  });
});

describe('discussions (GraphQL)', () => {
  const h = useSession(['--toolsets', 'discussions', '--lockdown', '--repos', 'acme/api']);
  const api = { owner: 'acme', repo: 'api' };

  it('pages discussions with the cursor carrying GraphQL after', async () => {
    const first = await h.s.call('list_discussions', { ...api, perPage: 2 });
    const data = first.result.structuredContent as { items: { number: number }[]; nextCursor?: string };
    expect(data.items.map((d) => d.number)).toEqual([100, 101]);
    expect(first.text).toMatch(/#100 How do I deploy\? \[Q&A, answered\] by bob, 2 comments/);
    const second = await h.s.call('list_discussions', { ...api, perPage: 2, cursor: data.nextCursor });
    const rest = second.result.structuredContent as typeof data;
    expect(rest.items.map((d) => d.number)).toEqual([102]);
    expect(rest.nextCursor).toBeUndefined();
  });

  it('filters by category ID', async () => {
    const cats = await h.s.call('list_discussion_categories', api);
    const qa = (cats.result.structuredContent as { items: { id: string; name: string }[] }).items.find(
      (c) => c.name === 'Q&A',
    );
    const { result } = await h.s.call('list_discussions', { ...api, category: qa?.id });
    expect((result.structuredContent as { items: { number: number }[] }).items.map((d) => d.number)).toEqual([
      100,
    ]);
  });

  it("withholds a stranger's discussion comment under --lockdown", async () => {
    const { text } = await h.s.call('get_discussion_comments', { ...api, discussionNumber: 100 });
    expect(text).toMatch(/alice \(answer\)/);
    expect(text).toMatch(/Run make deploy\./);
    expect(text).not.toMatch(/email your token/);
    expect(text).toMatch(/withheld by --lockdown: mallory/);
  });

  it('a missing discussion and a foreign repository', async () => {
    expect((await h.s.call('get_discussion', { ...api, discussionNumber: 999 })).text).toMatch(
      /^\[not_found\] discussion acme\/api#999 was not found/,
    );
    expect((await h.s.call('list_discussions', { owner: 'acme', repo: 'secret' })).text).toMatch(/outside/);
    expect(h.s.fake.graphqlLog.some((b) => b.variables?.repo === 'secret')).toBe(false);
  });
});

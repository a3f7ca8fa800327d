import { describe, expect, it } from 'vitest';
import { defaultSeed } from './fake/index.mjs';
import { useSession } from './helpers.js';

/** 60 threads about acme/api ahead of the seed's three, so a lookup needs a second page. */
function manyThreads() {
  const seed = defaultSeed();
  const api = Array.from({ length: 60 }, (_, i) => ({ user: 'alice', repo: 'acme/api', title: `Ping ${i}` }));
  seed.notifications.unshift(...api);
  return seed;
}

type Logged = { method: string; path: string; query: Record<string, string> };
const threadRequests = (log: Logged[]) => log.filter((r) => r.path.includes('/notifications/threads/'));

describe('notification threads under --repos: the repository is known before the thread is touched', () => {
  const h = useSession(['--toolsets', 'notifications', '--repos', 'acme/api'], { seed: manyThreads });
  const idOf = (repo: string) =>
    String(h.s.fake.state.notifications.find((n: { repo: string }) => n.repo === repo).id);

  it('a thread never listed is looked up in the user-wide list, page by page, then refused', async () => {
    const { text } = await h.s.call('get_notification_details', { notificationID: idOf('acme/secret') });
    expect(text).toMatch(/^\[access_denied\] that notification is about acme\/secret, outside --repos/);
    const log = h.s.fake.requests as Logged[];
    expect(threadRequests(log)).toEqual([]);
    const lists = log.filter((r) => r.path === '/api/v3/notifications');
    expect(lists.map((r) => [r.query.page, r.query.all])).toEqual([
      ['1', 'true'],
      ['2', 'true'],
    ]);
  });

  it('a thread seen before (here, in that lookup) is refused with no request at all', async () => {
    const before = h.s.fake.requests.length;
    const { text } = await h.s.call('dismiss_notification', { threadID: idOf('evil/loot'), state: 'done' });
    expect(text).toMatch(/^\[access_denied\] that notification is about evil\/loot, outside --repos/);
    expect(h.s.fake.requests.length).toBe(before);
    expect(h.s.fake.state.notifications.find((n: { repo: string }) => n.repo === 'evil/loot').done).toBe(
      undefined,
    );
  });

  it('an unknown thread is not found, and no thread request is sent', async () => {
    const { text } = await h.s.call('get_notification_details', { notificationID: '987654321' });
    expect(text).toMatch(/^\[not_found\] notification 987654321 is not among your notifications/);
    expect(threadRequests(h.s.fake.requests)).toEqual([]);
  });

  it('a thread of an allowed repository reads and dismisses', async () => {
    const id = idOf('acme/api');
    expect((await h.s.call('get_notification_details', { notificationID: id })).text).toMatch(
      /^acme\/api Issue: Ping 0/,
    );
    expect((await h.s.call('dismiss_notification', { threadID: id })).isError).toBe(false);
    expect(threadRequests(h.s.fake.requests).map((r) => r.method)).toEqual(['GET', 'PATCH']);
  });
});

describe('notification threads under --repos: a list answer is remembered', () => {
  const h = useSession(['--toolsets', 'notifications', '--repos', 'acme/api']);
  it('after list_notifications, a foreign thread is refused without another request', async () => {
    await h.s.call('list_notifications');
    const before = h.s.fake.requests.length;
    const secret = h.s.fake.state.notifications.find((n: { repo: string }) => n.repo === 'acme/secret');
    const { text } = await h.s.call('get_notification_details', { notificationID: String(secret.id) });
    expect(text).toMatch(/^\[access_denied\] that notification is about acme\/secret/);
    expect(h.s.fake.requests.length).toBe(before);
  });
});

describe('notification threads under --repos: the lookup is bounded', () => {
  const seed = () => {
    const s = defaultSeed();
    const api = Array.from({ length: 1000 }, (_, i) => ({ user: 'alice', repo: 'acme/api', title: `P${i}` }));
    s.notifications.unshift(...api);
    return s;
  };
  const h = useSession(['--toolsets', 'notifications', '--repos', 'acme/api'], { seed });
  it('past 20 pages of 50 the thread is not found, and no thread request is sent', async () => {
    const secret = h.s.fake.state.notifications.find((n: { repo: string }) => n.repo === 'acme/secret');
    const { text } = await h.s.call('get_notification_details', { notificationID: String(secret.id) });
    expect(text).toMatch(/^\[not_found\] notification \d+ is not among your 1000 most recent notifications/);
    const log = h.s.fake.requests as Logged[];
    expect(log.filter((r) => r.path === '/api/v3/notifications')).toHaveLength(20);
    expect(threadRequests(log)).toEqual([]);
  });
});

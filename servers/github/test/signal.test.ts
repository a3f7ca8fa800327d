import { createLogger } from '@bastion-mcp/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GithubClient, withSignal } from '../src/lib/client.js';
import { resolveHost } from '../src/lib/host.js';
import { defaultSeed, type Fake, startFake, TOKENS } from './fake/index.mjs';

describe("withSignal: every kind of request carries the tool call's signal", () => {
  let fake: Fake;
  let client: GithubClient;
  beforeAll(async () => {
    fake = await startFake(defaultSeed());
    const log = createLogger('github', 'silent');
    client = new GithubClient({ host: resolveHost(fake.origin), token: TOKENS.alice, log, userAgent: 't' });
  });
  afterAll(() => fake.close());

  it('an aborted signal stops rest, request and graphql calls before they are sent', async () => {
    const api = withSignal(await client.get(), AbortSignal.abort());
    const before = fake.requests.length + fake.graphqlLog.length;
    await expect(api.rest.users.getAuthenticated()).rejects.toThrow(/abort/i);
    await expect(api.request('GET /orgs/{org}/issue-types', { org: 'acme' })).rejects.toThrow(/abort/i);
    await expect(api.graphql('query { viewer { login } }', {})).rejects.toThrow(/abort/i);
    expect(fake.requests.length + fake.graphqlLog.length).toBe(before);
  });

  it('a live signal changes nothing: parameters and variables go out as given', async () => {
    const api = withSignal(await client.get(), new AbortController().signal);
    expect((await api.rest.users.getAuthenticated()).data.login).toBe('alice');
    const types = await api.request('GET /orgs/{org}/issue-types', { org: 'acme' });
    expect(types.status).toBe(200);
    const before = fake.graphqlLog.length;
    await api.graphql('query($n: Int!) { viewer { login } }', { n: 1 }).catch(() => undefined);
    expect(fake.graphqlLog.slice(before).map((b: { variables?: unknown }) => b.variables)).toEqual([
      { n: 1 },
    ]);
  });
});

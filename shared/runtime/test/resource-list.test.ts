import { describe, expect, it } from 'vitest';
import { addSecret, defineServer, invalidInput, type ResourceSpec } from '../src/index.js';
import { connect, type Era } from '../src/testing/index.js';

/** A template list of 5 items served 2 at a time, its cursor being the next offset. */
function pagedServer(calls: (string | undefined)[]) {
  const items: ResourceSpec<unknown> = {
    name: 'item',
    title: 'Item',
    mimeType: 'text/plain',
    template: 'mem://item/{n}',
    list: async (_ctx, cursor) => {
      calls.push(cursor);
      const at = Number(cursor ?? 0);
      const resources = [at, at + 1]
        .filter((n) => n < 5)
        .map((n) => ({ uri: `mem://item/${n}`, name: `item ${n}` }));
      return at + 2 < 5 ? { resources, nextCursor: String(at + 2) } : { resources };
    },
    read: async (uri) => [{ uri: uri.href, text: uri.href }],
  };
  const fixed: ResourceSpec<unknown> = {
    name: 'readme',
    uri: 'mem://readme',
    read: async () => [{ uri: 'mem://readme', text: 'hi' }],
  };
  return defineServer({ name: 'paged', version: '1.0.0', tools: [], resources: [fixed, items], state: {} });
}

describe.each<[Era, 'memory' | 'http']>([
  ['legacy', 'memory'],
  ['modern', 'http'],
])('resources/list in the %s era over %s', (era, via) => {
  it('pages a template list with the cursor the client sends back', async () => {
    const calls: (string | undefined)[] = [];
    const client = await connect(pagedServer(calls), { era, via });
    // Without a cursor the client walks every page itself.
    const all = await client.client.listResources();
    expect(all.resources.map((r) => r.uri)).toEqual([
      'mem://readme',
      ...[0, 1, 2, 3, 4].map((n) => `mem://item/${n}`),
    ]);
    expect(all.resources[1]).toMatchObject({ name: 'item 0', title: 'Item', mimeType: 'text/plain' });
    expect(calls).toEqual([undefined, '2', '4']);
    // One page at a time: the first has the fixed resource, later ones only the list's items.
    const first = await client.client.request({ method: 'resources/list', params: {} });
    expect(first.resources.map((r) => r.uri)).toEqual(['mem://readme', 'mem://item/0', 'mem://item/1']);
    const second = await client.client.listResources({ cursor: first.nextCursor as string });
    expect(second.resources.map((r) => r.uri)).toEqual(['mem://item/2', 'mem://item/3']);
    const last = await client.client.listResources({ cursor: second.nextCursor as string });
    expect(last.resources.map((r) => r.uri)).toEqual(['mem://item/4']);
    expect(last.nextCursor).toBeUndefined();
    await client.close();
  });

  it('refuses a cursor it did not issue with invalid params', async () => {
    const client = await connect(pagedServer([]), { era, via });
    await expect(client.client.listResources({ cursor: 'not-ours' })).rejects.toMatchObject({ code: -32602 });
    await client.close();
  });
});

describe('resource errors', () => {
  it('redact secrets, send bad input as invalid params, and keep only a first line', async () => {
    addSecret('hunter2-secret-token');
    const failing: ResourceSpec<unknown> = {
      name: 'failing',
      template: 'mem://fail/{how}',
      list: async (_ctx, cursor) => {
        if (cursor) throw invalidInput('cursor: stale.', 'Start over.');
        throw new Error('upstream said Bearer hunter2-secret-token\n    at secret (/internal.js:1:1)');
      },
      read: async () => {
        throw invalidInput('how: unknown with hunter2-secret-token.', 'Use ok.');
      },
    };
    const server = defineServer({
      name: 'failing',
      version: '1.0.0',
      tools: [],
      resources: [failing],
      state: {},
    });
    const client = await connect(server);
    const listing = client.client.request({ method: 'resources/list', params: {} });
    await expect(listing).rejects.toThrow(/upstream said Bearer \[redacted\]/);
    await expect(listing).rejects.not.toThrow(/internal\.js|hunter2/);
    const read = client.client.readResource({ uri: 'mem://fail/x' });
    await expect(read).rejects.toMatchObject({ code: -32602 });
    await expect(read).rejects.not.toThrow(/hunter2/);
    await client.close();
  });
});

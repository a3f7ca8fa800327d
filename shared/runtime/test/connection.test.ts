import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineServer, defineTool, text } from '../src/index.js';
import { type HttpHandle, serveHttp } from '../src/serve/http.js';
import { connect, connectUrl } from '../src/testing/index.js';
import { captureLog } from './helpers.js';

/** A server whose tool names the connection it was called on; closed connections are recorded. */
function identityServer() {
  const ids = new WeakMap<object, number>();
  let next = 1;
  const idOf = (connection: object) => {
    if (!ids.has(connection)) ids.set(connection, next++);
    return ids.get(connection) as number;
  };
  const closed: number[] = [];
  const who = defineTool({
    name: 'who',
    title: 'Who',
    description: 'Name the connection',
    kind: 'read',
    input: z.object({}),
    handle: async (_input, ctx) =>
      text(`${idOf(ctx.connection)} ${ctx.stateless ? 'stateless' : 'connected'}`),
  });
  const server = defineServer({
    name: 'identity',
    version: '1.0.0',
    tools: [who],
    state: {},
    onConnectionClose: (connection) => {
      closed.push(idOf(connection));
    },
  });
  return { server, closed };
}

describe('ctx.connection and onConnectionClose', () => {
  it('a stdio-like connection keeps one identity and is reported closed once', async () => {
    const { server, closed } = identityServer();
    const client = await connect(server);
    const first = client.textOf(await client.call('who'));
    expect(client.textOf(await client.call('who'))).toBe(first);
    expect(first).toMatch(/ connected$/);
    await client.close();
    await expect.poll(() => closed).toEqual([Number.parseInt(first, 10)]);
  });

  describe('over HTTP', () => {
    let identity: ReturnType<typeof identityServer>;
    let handle: HttpHandle;
    beforeAll(async () => {
      identity = identityServer();
      handle = await serveHttp(identity.server, { host: '127.0.0.1', port: 0, log: captureLog() });
    });
    afterAll(() => handle.close());

    it('a 2025-era session keeps one identity; ending the session reports it closed', async () => {
      const client = await connectUrl(handle.url, { era: 'legacy' });
      const first = client.textOf(await client.call('who'));
      expect(client.textOf(await client.call('who'))).toBe(first);
      expect(identity.closed).not.toContain(Number.parseInt(first, 10));
      const transport = client.client.transport as unknown as { terminateSession(): Promise<void> };
      await transport.terminateSession();
      await expect.poll(() => identity.closed).toContain(Number.parseInt(first, 10));
      await client.close();
    });

    it('stateless requests each get a fresh identity and are never reported closed', async () => {
      const before = identity.closed.length;
      const client = await connectUrl(handle.url, { era: 'modern' });
      const first = client.textOf(await client.call('who'));
      const second = client.textOf(await client.call('who'));
      expect(first).toMatch(/ stateless$/);
      expect(second).not.toBe(first);
      await client.close();
      await sleep(50);
      expect(identity.closed.length).toBe(before);
    });
  });
});

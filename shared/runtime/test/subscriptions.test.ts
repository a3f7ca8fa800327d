import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { defineServer, type ResourceSpec } from '../src/index.js';
import { connect } from '../src/testing/index.js';

function watchedServer() {
  const changes = new EventEmitter();
  let value = 0;
  const watchers = { active: 0 };
  const counter: ResourceSpec<unknown> = {
    name: 'counter',
    uri: 'mem://counter',
    mimeType: 'text/plain',
    read: async () => [{ uri: 'mem://counter', text: String(value) }],
    watch: async (_uri, _ctx, onChange) => {
      watchers.active++;
      changes.on('change', onChange);
      return () => {
        watchers.active--;
        changes.off('change', onChange);
      };
    },
  };
  const server = defineServer({ name: 'sub', version: '1.0.0', tools: [], resources: [counter], state: {} });
  const bump = () => {
    value++;
    changes.emit('change');
  };
  return { server, bump, watchers };
}

describe('resource subscriptions (2025 era)', () => {
  it('notify a subscribed client on change, stop after unsubscribe, and refuse unknown URIs', async () => {
    const { server, bump, watchers } = watchedServer();
    const client = await connect(server);
    const updates: string[] = [];
    client.client.setNotificationHandler('notifications/resources/updated', (n) => {
      updates.push(n.params.uri);
    });
    expect(client.client.getServerCapabilities()?.resources?.subscribe).toBe(true);
    await client.client.subscribeResource({ uri: 'mem://counter' });
    expect(watchers.active).toBe(1);
    bump();
    await expect.poll(() => updates).toEqual(['mem://counter']);
    await client.client.unsubscribeResource({ uri: 'mem://counter' });
    expect(watchers.active).toBe(0);
    bump();
    await new Promise((r) => setTimeout(r, 50));
    expect(updates).toEqual(['mem://counter']);
    await expect(client.client.subscribeResource({ uri: 'mem://other' })).rejects.toThrow(
      /No resource matches mem:\/\/other/,
    );
    await client.close();
  });

  it('release watchers when the connection closes', async () => {
    const { server, watchers } = watchedServer();
    const client = await connect(server);
    await client.client.subscribeResource({ uri: 'mem://counter' });
    expect(watchers.active).toBe(1);
    await client.close();
    await expect.poll(() => watchers.active).toBe(0);
  });
});

describe('resource updates (2026 era)', () => {
  it('watch what a client read and publish changes to the entry', async () => {
    const { server, bump, watchers } = watchedServer();
    const client = await connect(server, { era: 'modern' });
    expect((await client.client.readResource({ uri: 'mem://counter' })).contents[0]).toMatchObject({
      text: '0',
    });
    await expect.poll(() => watchers.active).toBe(1);
    bump();
    expect((await client.client.readResource({ uri: 'mem://counter' })).contents[0]).toMatchObject({
      text: '1',
    });
    await client.close();
    await server.close();
    expect(watchers.active).toBe(0);
  });
});

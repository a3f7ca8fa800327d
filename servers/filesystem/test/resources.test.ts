import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { fsClient } from './helpers.js';

describe('file resources', () => {
  it('lists top-level files, reads text and binary, hides denied files', async () => {
    const root = await tempDir({ 'a.txt': 'hello', '.env': 'X=1', 'sub/b.txt': 'b' });
    await fs.writeFile(path.join(root, 'bin.dat'), Buffer.from([1, 0, 2]));
    const client = await fsClient([root]);
    const { resources } = await client.client.listResources();
    expect(resources.map((r) => r.name).sort()).toEqual(['a.txt', 'bin.dat']);
    const text = await client.client.readResource({ uri: pathToFileURL(path.join(root, 'a.txt')).href });
    expect(text.contents[0]).toMatchObject({ text: 'hello', mimeType: 'text/plain' });
    const binary = await client.client.readResource({ uri: pathToFileURL(path.join(root, 'bin.dat')).href });
    expect(binary.contents[0]).toMatchObject({ blob: Buffer.from([1, 0, 2]).toString('base64') });
    await expect(
      client.client.readResource({ uri: pathToFileURL(path.join(root, '.env')).href }),
    ).rejects.toThrow(/deny list/);
    await expect(client.client.readResource({ uri: pathToFileURL('/etc/passwd').href })).rejects.toThrow(
      /outside the allowed/,
    );
    await client.close();
  });

  it('notifies a subscriber when the file changes, and refuses to watch outside', async () => {
    const base = await tempDir({ 'root/watched.txt': 'v1', 'outside.txt': 'x' });
    const root = path.join(base, 'root');
    const client = await fsClient([root]);
    const updates: string[] = [];
    client.client.setNotificationHandler('notifications/resources/updated', (n) => {
      updates.push(n.params.uri);
    });
    const uri = pathToFileURL(path.join(root, 'watched.txt')).href;
    await client.client.subscribeResource({ uri });
    await fs.writeFile(path.join(root, 'watched.txt'), 'v2');
    await expect.poll(() => updates.includes(uri), { timeout: 5000 }).toBe(true);
    await expect(
      client.client.subscribeResource({ uri: pathToFileURL(path.join(base, 'outside.txt')).href }),
    ).rejects.toThrow(/outside the allowed directories/);
    await client.client.unsubscribeResource({ uri });
    await client.close();
  });
});

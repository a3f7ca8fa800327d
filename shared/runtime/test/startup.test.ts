import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnBin, tempDir } from '../src/testing/index.js';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'echo-bin.mjs');

describe('a bin started by hand', () => {
  it('takes relative and ~ directories, and says in one stderr line what it serves', async () => {
    const home = await fs.realpath(await tempDir());
    await fs.mkdir(path.join(home, 'notes'));
    await fs.mkdir(path.join(home, 'work'));
    const client = await spawnBin(BIN, ['.', '~/notes'], {
      cwd: path.join(home, 'work'),
      env: { HOME: home },
    });
    expect((await client.client.listTools()).tools).toHaveLength(2);
    await client.close();
    const lines = client.stderr().split('\n');
    const startup = lines.filter((l) => l.includes('mcp-server-echo 9.9.9 on stdio'));
    expect(startup).toEqual([
      `[echo] info: mcp-server-echo 9.9.9 on stdio: 2 tools; allowed directories: ${path.join(home, 'work')}, ${path.join(home, 'notes')}`,
    ]);
  });

  it('says so when no directory is allowed', async () => {
    const client = await spawnBin(BIN, []);
    await client.close();
    expect(client.stderr()).toContain(
      'mcp-server-echo 9.9.9 on stdio: 2 tools; allowed directories: none (give them as arguments)',
    );
  });
});

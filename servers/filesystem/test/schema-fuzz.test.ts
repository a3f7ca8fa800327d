import fs from 'node:fs/promises';
import path from 'node:path';
import { pathCapProblems, schemaFuzzProblems, tempDir } from '@bastion-mcp/runtime/testing';
import { expect, it } from 'vitest';
import { fsClient } from './helpers.js';

it('every tool answers inputs generated from its schema, and mutated out of it, with a result or -32602', async () => {
  const root = await tempDir();
  await fs.mkdir(path.join(root, 'docs', 'deep'), { recursive: true });
  await fs.writeFile(path.join(root, 'docs', 'a.txt'), 'alpha\nbeta\n');
  await fs.writeFile(path.join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await fs.symlink('/etc', path.join(root, 'escape'));
  const client = await fsClient(['--toolsets', 'all', root]);
  expect(await schemaFuzzProblems(client, { numRuns: 30 })).toEqual([]);
  await client.close();
}, 180_000);

it('a 1 MB path is refused by the schema, naming the field, on every tool that takes a path', async () => {
  const client = await fsClient(['--toolsets', 'all', await tempDir()]);
  const { checked, problems } = await pathCapProblems(client);
  expect(problems).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(13);
  await client.close();
});

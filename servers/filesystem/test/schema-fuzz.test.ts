import fs from 'node:fs/promises';
import path from 'node:path';
import { schemaFuzzProblems, tempDir } from '@bastion-mcp/runtime/testing';
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
  const root = await tempDir();
  const client = await fsClient(['--toolsets', 'all', root]);
  const { tools } = await client.client.listTools();
  const huge = `${root}/${'a'.repeat(1024 * 1024)}`;
  let checked = 0;
  for (const tool of tools) {
    const props = (tool.inputSchema.properties ?? {}) as Record<string, { maxLength?: number }>;
    for (const [field, schema] of Object.entries(props)) {
      if (schema.maxLength !== 4096) continue;
      const result = await client.call(tool.name, { [field]: huge });
      const text = client.textOf(result);
      expect(result.isError, `${tool.name}.${field}`).toBe(true);
      expect(text).toContain(field);
      expect(text).not.toContain('[internal]');
      checked++;
    }
  }
  expect(checked).toBeGreaterThanOrEqual(13);
  await client.close();
});

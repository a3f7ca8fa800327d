import path from 'node:path';
import { schemaFuzzProblems, tempDir } from '@bastion-mcp/runtime/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { git, gitClient, makeRepo, writeAndCommit } from './helpers.js';

it('every tool answers inputs generated from its schema, and mutated out of it, with a result or -32602', async () => {
  const root = await tempDir();
  const repo = await makeRepo(
    [{ 'README.md': '# demo\n' }, { 'src/a.ts': 'export const a = 1;\n' }],
    path.join(root, 'repo'),
  );
  const bare = path.join(root, 'origin.git');
  git(root, 'init', '-q', '--bare', bare);
  git(repo, 'remote', 'add', 'origin', bare);
  git(repo, 'push', '-q', 'origin', 'main');
  writeAndCommit(repo, { 'notes.md': 'later\n' }, 'commit 3');
  const client = await gitClient(['--toolsets', 'all', '--repository', repo, root]);
  // Clone URLs stay on this machine: random text could otherwise name a host on the network.
  const localUrl = fc.constantFrom(
    `file://${bare}`,
    bare,
    'file:///nonexistent.git',
    '--upload-pack=touch /tmp/x',
    '../x',
    '',
  );
  const problems = await schemaFuzzProblems(client, {
    numRuns: 20,
    fields: { git_clone: { url: localUrl } },
  });
  expect(problems).toEqual([]);
  await client.close();
}, 240_000);

it('a 1 MB repo_path or path is refused by the schema, naming the field, on every tool that takes one', async () => {
  const root = await tempDir();
  await makeRepo([{ 'README.md': '# demo\n' }], path.join(root, 'repo'));
  const client = await gitClient(['--toolsets', 'all', root]);
  const { tools } = await client.client.listTools();
  const huge = `${root}/${'a'.repeat(1024 * 1024)}`;
  let checked = 0;
  for (const tool of tools) {
    const props = (tool.inputSchema.properties ?? {}) as Record<string, { maxLength?: number }>;
    for (const [field, schema] of Object.entries(props)) {
      if (schema.maxLength !== 4096) continue;
      const result = await client.call(tool.name, { [field]: huge, url: 'file:///nonexistent' });
      const text = client.textOf(result);
      expect(result.isError, `${tool.name}.${field}`).toBe(true);
      expect(text).toContain(field);
      expect(text).not.toContain('[internal]');
      checked++;
    }
  }
  expect(checked).toBeGreaterThanOrEqual(28);
  await client.close();
});

import path from 'node:path';
import { pathCapProblems, schemaFuzzProblems, tempDir } from '@bastion-mcp/runtime/testing';
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

it('a 1 MB path is refused by the schema, naming the field, on every tool that takes a path', async () => {
  const root = await tempDir();
  await makeRepo([{ 'README.md': '# demo\n' }], path.join(root, 'repo'));
  const client = await gitClient(['--toolsets', 'all', root]);
  const { checked, problems } = await pathCapProblems(client, { url: 'file:///nonexistent' });
  expect(problems).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(28);
  await client.close();
});

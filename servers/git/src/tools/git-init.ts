import fs from 'node:fs/promises';
import path from 'node:path';
import { conflict, MAX_PATH_CHARS, structured, z } from '@bastion-mcp/runtime';
import { gitCall } from '../lib/git.js';
import { refName } from '../lib/refs.js';
import { tool } from '../tool.js';

export const gitInit = tool({
  name: 'git_init',
  title: 'Create a repository',
  description:
    'Create an empty git repository at path (inside the allowed directories; missing folders are created). Refuses a path that already is a repository.',
  kind: 'write',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('Directory for the new repository: absolute, or relative to the first allowed directory'),
    initial_branch: z
      .string()
      .optional()
      .describe("Name of the first branch (default: git's init.defaultBranch)"),
    bare: z.boolean().default(false).describe('Create a bare repository (no work tree), e.g. to push to'),
  }),
  output: z.object({
    path: z.string().describe('Real path of the new repository'),
    bare: z.boolean().describe('Whether it is bare'),
    branch: z.string().describe('The branch HEAD points at (born with the first commit)'),
  }),
  async handle(input, ctx) {
    const branch =
      input.initial_branch === undefined ? undefined : refName(input.initial_branch, 'initial_branch');
    const target = await ctx.sandbox.resolve(input.path);
    const call = { state: ctx.state, signal: ctx.signal };
    if (target.exists) {
      const stat = await fs.stat(target.path);
      if (!stat.isDirectory())
        throw conflict(
          `path ${target.path} is a file.`,
          'Pass a folder that does not exist yet, or an existing folder.',
        );
      if (await isRepository(target.path)) {
        throw conflict(
          `path ${target.path} already is a git repository.`,
          'Use it as it is (pass it as repo_path), or choose another path.',
        );
      }
    }
    const args = [
      'init',
      '--quiet',
      ...(input.bare ? ['--bare'] : []),
      ...(branch ? [`--initial-branch=${branch}`] : []),
    ];
    await gitCall(target.root, call, (git) => git.raw([...args, '--', target.path]));
    const head = await gitCall(target.path, call, (git) => git.raw(['symbolic-ref', '--short', 'HEAD']));
    const result = { path: target.path, bare: input.bare, branch: head.trim() };
    return structured(
      result,
      `Initialized an empty ${input.bare ? 'bare ' : ''}repository in ${result.path} (branch ${result.branch}).`,
    );
  },
});

/** A work tree (has .git) or a bare repository (HEAD, objects/ and refs/ at its top). */
async function isRepository(dir: string): Promise<boolean> {
  const exists = (name: string) =>
    fs.lstat(path.join(dir, name)).then(
      () => true,
      () => false,
    );
  if (await exists('.git')) return true;
  return (await exists('HEAD')) && (await exists('objects')) && (await exists('refs'));
}

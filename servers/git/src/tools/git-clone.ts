import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { conflict, MAX_PATH_CHARS, notFound, structured, ToolError, z } from '@bastion-mcp/runtime';
import { gitCall } from '../lib/git.js';
import { refName } from '../lib/refs.js';
import { allowedRemote } from '../lib/urls.js';
import { tool } from '../tool.js';

export const gitClone = tool({
  name: 'git_clone',
  title: 'Clone a repository',
  description:
    'Clone a repository into path (inside the allowed directories; it must not exist or be an empty folder). url: https://, ssh:// or user@host:path, git://, or a repository inside the allowed directories (file:///path or a plain path). Other transports are refused.',
  kind: 'write',
  openWorld: true,
  input: z.object({
    url: z
      .string()
      .describe('Where to clone from: https://host/owner/repo.git, git@host:owner/repo.git, file:///path'),
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('Directory to clone into: absolute, or relative to the first allowed directory'),
    branch: z.string().optional().describe("Branch (or tag) to check out instead of the remote's HEAD"),
    depth: z.number().int().positive().optional().describe('Fetch only the last N commits (a shallow clone)'),
  }),
  output: z.object({
    path: z.string().describe('Real path of the new clone'),
    url: z.string().describe('The source (a password in it is hidden)'),
    branch: z.string().nullable().describe('The branch checked out, or null when HEAD is detached (a tag)'),
    head: z
      .string()
      .nullable()
      .describe('Full hash of the commit checked out, or null for an empty repository'),
    shallow: z.boolean().describe('True when depth limited the history'),
  }),
  async handle(input, ctx) {
    const branch = input.branch === undefined ? undefined : refName(input.branch, 'branch');
    const call = { state: ctx.state, signal: ctx.signal };
    const source = await allowedRemote(ctx, call, input.url, 'url');
    const target = await ctx.sandbox.resolve(input.path);
    if (target.exists) {
      const entries = await fs.readdir(target.path).catch(() => {
        throw conflict(`path ${target.path} is a file.`, 'Pass a folder that does not exist yet.');
      });
      if (entries.length > 0) {
        throw conflict(
          `path ${target.path} is a folder that is not empty.`,
          'Pass a new folder (e.g. add the repository name to the path) or an empty one.',
        );
      }
    }
    const args = [
      'clone',
      '--quiet',
      // Local sources go through upload-pack like any remote: no hardlinks or copies of the source's files.
      ...(source.local ? ['--no-local'] : []),
      ...(branch ? [`--branch=${branch}`] : []),
      ...(input.depth ? [`--depth=${input.depth}`] : []),
    ];
    // git clone first tries a URL as a path relative to its working directory (so "host:/x" or
    // "https://h/x" could name a local folder or symlink); an empty private folder leaves it none.
    const cwd = await fs.mkdtemp(path.join(os.tmpdir(), 'bastion-clone-'));
    try {
      await gitCall(cwd, call, (git) => git.raw([...args, '--', source.arg, target.path]));
    } catch (error) {
      throw refine(error, branch, source.display);
    } finally {
      await fs.rm(cwd, { recursive: true, force: true });
    }
    const head = await gitCall(target.path, call, (git) => git.raw(['rev-parse', '--verify', '-q', 'HEAD']));
    const current = await gitCall(target.path, call, (git) => git.raw(['branch', '--show-current']));
    const result = {
      path: target.path,
      url: source.display,
      branch: current.trim() || null,
      head: head.trim() || null,
      shallow: input.depth !== undefined,
    };
    const at = result.head ? ` at ${result.head.slice(0, 7)}` : ' (an empty repository)';
    return structured(
      result,
      `Cloned ${result.url} into ${result.path} (${result.branch ? `branch ${result.branch}` : 'detached HEAD'}${at}${result.shallow ? `, last ${input.depth} commits` : ''}).`,
    );
  },
});

function refine(error: unknown, branch: string | undefined, url: string): unknown {
  if (!(error instanceof ToolError)) return error;
  if (branch && /Remote branch .* not found/.test(error.message))
    return notFound(
      `branch "${branch}" does not exist in ${url}.`,
      "Omit branch to check out the remote's default.",
    );
  if (/does not appear to be a git repository|Repository not found|not found/i.test(error.message))
    return notFound(`url ${url} is not a repository git can read.`, 'Check the URL and your access to it.');
  return error;
}

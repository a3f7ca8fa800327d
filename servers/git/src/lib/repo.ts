import fs from 'node:fs/promises';
import path from 'node:path';
import { accessDenied, invalidInput, notFound, type ToolContext } from '@bastion-mcp/runtime';
import type { GitState } from '../tool.js';
import { gitCall } from './git.js';

export interface Repo {
  /** The real path of the repository's top level (the work tree), inside an allowed directory. */
  dir: string;
  call: { state: GitState; signal: AbortSignal };
}

/**
 * Turns repo_path into a repository the server may use: resolved with realpath, a git work tree,
 * and its top level inside the allowed directories. Omitted, it means the only allowed repository.
 */
export async function openRepo(ctx: ToolContext<GitState>, repoPath: string | undefined): Promise<Repo> {
  const call = { state: ctx.state, signal: ctx.signal };
  const target = repoPath ?? defaultRepo(ctx);
  const resolved = await ctx.sandbox.resolve(target);
  if (!resolved.exists)
    throw notFound(`${resolved.path} does not exist.`, 'Pass the path of a git repository.');
  const dir = (await knownTop(resolved.path)) ?? (await discoverTop(resolved.path, call));
  if (!ctx.sandbox.allows(dir)) {
    throw accessDenied(
      `${resolved.path} belongs to the repository at ${dir}, which is outside the allowed directories.`,
      `Use a repository inside: ${ctx.sandbox.roots.join(', ')}.`,
    );
  }
  return { dir, call };
}

// Repository top levels already found, so most calls skip a `git rev-parse` process.
const tops = new Map<string, string>();

/** A remembered top level, still valid only if the nearest `.git` above `start` is still its own. */
async function knownTop(start: string): Promise<string | undefined> {
  const top = tops.get(start);
  if (!top) return undefined;
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (await exists(path.join(dir, '.git'))) return dir === top ? top : undefined;
    if (dir === top || path.dirname(dir) === dir) return undefined;
  }
}

async function discoverTop(start: string, call: Repo['call']): Promise<string> {
  const top = await gitCall(start, call, (git) => git.revparse(['--show-toplevel'])).catch(() => {
    throw invalidInput(
      `${start} is not inside a git repository.`,
      'Pass the path of a git work tree (git_init creates one).',
    );
  });
  const dir = await fs.realpath(top.trim());
  if (tops.size >= 256) tops.delete(tops.keys().next().value as string);
  tops.set(start, dir);
  return dir;
}

const exists = (p: string) =>
  fs.lstat(p).then(
    () => true,
    () => false,
  );

function defaultRepo(ctx: ToolContext<GitState>): string {
  if (ctx.state.defaultRepo) return ctx.state.defaultRepo;
  if (ctx.sandbox.roots.length === 1) return ctx.sandbox.roots[0] as string;
  if (ctx.sandbox.roots.length === 0) {
    throw accessDenied(
      'no directory is configured, so there is no repository to use.',
      'Ask the user to start mcp-server-git with a directory (mcp-server-git ~/code, or --repository <dir>) or to share a root from the client; no call can work until then.',
    );
  }
  throw invalidInput(
    'repo_path is required because more than one directory is allowed.',
    `Pass repo_path: one of ${ctx.sandbox.roots.join(', ')} or a repository inside them.`,
  );
}

/**
 * Repository-relative paths for a pathspec: each must resolve inside the repository (no `..` or
 * absolute path out, no symlink out); they reach git after `--`.
 */
export async function repoPaths(
  ctx: ToolContext<GitState>,
  repo: Repo,
  paths: readonly string[],
): Promise<string[]> {
  const out: string[] = [];
  for (const input of paths) {
    const absolute = path.isAbsolute(input) ? input : path.join(repo.dir, input);
    // resolveEntry: a symlink in the repository is itself the path git tracks, not its target.
    const { path: real } = await ctx.sandbox.resolveEntry(absolute);
    const relative = path.relative(repo.dir, real);
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
      throw accessDenied(
        `${input} is outside the repository ${repo.dir}.`,
        'Pass paths inside the repository.',
      );
    }
    out.push(relative === '' ? '.' : relative);
  }
  return out;
}

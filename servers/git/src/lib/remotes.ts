import { accessDenied, invalidInput, notFound, type ToolContext, ToolError, z } from '@bastion-mcp/runtime';
import type { GitState } from '../tool.js';
import { currentBranch, gitRun } from './branching.js';
import { refName } from './refs.js';
import type { Repo } from './repo.js';
import { allowedRemote } from './urls.js';

export const remoteField = z
  .string()
  .default('origin')
  .describe('Name of a configured remote (git_remote lists them); default origin');

/**
 * A configured remote the server may talk to: its name is ref-like, it exists, every URL it
 * would use for `direction` (after insteadOf rewriting) passes the transport policy and, when
 * local, lies inside the allowed directories, and the repository's config names no custom
 * upload-pack or receive-pack program for it.
 */
export async function checkedRemote(
  ctx: ToolContext<GitState>,
  repo: Repo,
  name: string,
  direction: 'fetch' | 'push',
): Promise<string> {
  refName(name, 'remote');
  const urls = await gitRun(repo, [
    'remote',
    'get-url',
    '--all',
    ...(direction === 'push' ? ['--push'] : []),
    '--end-of-options',
    name,
  ]).catch((error: unknown) => {
    if (error instanceof ToolError && /No such remote/.test(error.message)) {
      throw notFound(
        `remote "${name}" is not configured in ${repo.dir}.`,
        'List the remotes with git_remote, or pass the name of one of them.',
      );
    }
    throw error;
  });
  for (const url of urls.split('\n').filter(Boolean)) {
    await allowedRemote(ctx, repo.call, url, `remote "${name}" URL`, repo.dir);
  }
  const pattern = `^remote\\.${name.replace(/[.+()$|{}]/g, '\\$&')}\\.(uploadpack|receivepack)$`;
  const programs = await gitRun(repo, ['config', '--get-regexp', pattern]);
  if (programs.trim()) {
    throw accessDenied(
      `The repository's config names a program to run for remote "${name}": ${programs.trim().split('\n')[0]}.`,
      'This server does not run custom upload-pack/receive-pack programs; remove that setting, or use git yourself.',
    );
  }
  return name;
}

/** The branch HEAD is on; refuses a detached HEAD naming `field` as what to pass instead. */
export async function currentBranchOrFail(repo: Repo, field: string): Promise<string> {
  const branch = await currentBranch(repo);
  if (!branch)
    throw invalidInput(`HEAD is detached, so there is no current branch.`, `Pass ${field} explicitly.`);
  return branch;
}

/** The hash of every ref under `prefixes` (symbolic refs such as origin/HEAD left out). */
export async function refSnapshot(repo: Repo, prefixes: string[]): Promise<Map<string, string>> {
  const raw = await gitRun(repo, [
    'for-each-ref',
    '--format=%(refname) %(objectname) %(symref)',
    '--',
    ...prefixes,
  ]);
  const refs = new Map<string, string>();
  for (const line of raw.split('\n').filter(Boolean)) {
    const [ref, hash, symref] = line.split(' ');
    if (!symref) refs.set(ref as string, hash as string);
  }
  return refs;
}

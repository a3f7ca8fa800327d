import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { expect } from 'vitest';
import { git, makeRepo } from './helpers.js';

export interface RemoteWorld {
  /** The one allowed directory. */
  root: string;
  /** A bare repository inside root with main at commit 1 (the "server"). */
  origin: string;
  /** A clone of origin inside root, tracking origin/main. */
  work: string;
  /** A second clone inside root, to make the remote move. */
  other: string;
  /** A bare repository outside root (remote "evil" of work points at it). */
  outside: string;
  /** A folder outside root that must stay empty. */
  canary: string;
}

/** A root with a bare origin and two clones, a bare repo outside, and an empty canary folder. */
export async function remoteWorld(): Promise<RemoteWorld> {
  const base = await tempDir();
  const root = path.join(base, 'root');
  const seed = await makeRepo([{ 'README.md': '# seed\n' }], path.join(base, 'seed'));
  const origin = path.join(root, 'origin.git');
  const outside = path.join(base, 'outside.git');
  await fs.mkdir(root);
  git(base, 'clone', '-q', '--bare', seed, origin);
  git(base, 'clone', '-q', '--bare', seed, outside);
  const work = path.join(root, 'work');
  const other = path.join(root, 'other');
  for (const clone of [work, other]) {
    git(root, 'clone', '-q', `file://${origin}`, clone);
    git(clone, 'config', 'user.name', 'Ada Lovelace');
    git(clone, 'config', 'user.email', 'ada@example.com');
  }
  git(work, 'remote', 'add', 'evil', `file://${outside}`);
  const canary = path.join(base, 'canary');
  await fs.mkdir(canary);
  return { root, origin, work, other, outside, canary };
}

/** What a refusal must leave unchanged: HEAD, the status, every ref. */
export function repoState(repo: string): string {
  return [
    git(repo, 'rev-parse', 'HEAD'),
    git(repo, 'status', '--porcelain'),
    git(repo, 'for-each-ref', '--format=%(refname) %(objectname)'),
  ].join('\n');
}

export async function expectEmpty(dir: string): Promise<void> {
  expect(await fs.readdir(dir)).toEqual([]);
}

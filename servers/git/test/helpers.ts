import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '@bastion-mcp/runtime';
import { connect, type Era, type TestClient, tempDir } from '@bastion-mcp/runtime/testing';
import { configSpec, createServer } from '../src/server.js';

/** Builds the server from CLI-style arguments, as the bin would (directories must be real paths). */
export function gitServer(argv: string[] = []) {
  const outcome = parseConfig(configSpec, argv, {});
  if (!('run' in outcome)) throw new Error(outcome.stderr);
  return createServer(outcome.run);
}

export function gitClient(argv: string[] = [], era: Era = 'legacy'): Promise<TestClient> {
  return connect(gitServer(argv), { era });
}

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Ada Lovelace',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada Lovelace',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Runs the real git CLI in `dir` (fixtures are made the way a user makes them). */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    env: { ...process.env, ...IDENTITY },
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

/**
 * A new repository on branch main in a temp dir (or `dir`), with `files` committed as one commit
 * per entry of `commits` (each a map of path to content). Identity is set in the repository's own
 * config so tools that commit work without a global one.
 */
export async function makeRepo(
  commits: Record<string, string>[] = [{ 'README.md': '# demo\n' }],
  dir?: string,
): Promise<string> {
  const repo = dir ?? (await tempDir());
  await fs.mkdir(repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.name', 'Ada Lovelace');
  git(repo, 'config', 'user.email', 'ada@example.com');
  for (const [i, files] of commits.entries()) writeAndCommit(repo, files, `commit ${i + 1}`);
  return repo;
}

export function writeAndCommit(repo: string, files: Record<string, string>, message: string): void {
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(repo, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
}

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestClient } from '@bastion-mcp/runtime/testing';
import { expect } from 'vitest';
import { git } from './helpers.js';

export interface CommitOptions {
  /** GIT_AUTHOR_DATE and GIT_COMMITTER_DATE, e.g. '2024-01-15T12:00:00+00:00'. */
  date?: string;
  author?: { name: string; email: string };
}

/** Writes `files` and commits them with a chosen date and author (set through git's environment). */
export function commitWith(
  repo: string,
  files: Record<string, string | Buffer>,
  message: string,
  options: CommitOptions = {},
): string {
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(repo, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  git(repo, 'add', '-A');
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  if (options.date) Object.assign(env, { GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date });
  if (options.author)
    Object.assign(env, { GIT_AUTHOR_NAME: options.author.name, GIT_AUTHOR_EMAIL: options.author.email });
  execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: repo, env, stdio: 'pipe' });
  return git(repo, 'rev-parse', 'HEAD').trim();
}

/** Asserts a call failed with the given error kind, and returns its text. */
export async function expectError(
  client: TestClient,
  tool: string,
  args: Record<string, unknown>,
  kind: string,
): Promise<string> {
  const result = await client.call(tool, args);
  const text = client.textOf(result);
  expect(result.isError, text).toBe(true);
  expect(text).toMatch(new RegExp(`^\\[${kind}\\]`));
  return text;
}

/** The option-looking values every read tool must refuse or treat as plain data. */
export function injectionValues(outside: string): { values: string[]; planted: string[] } {
  const planted = [path.join(outside, 'x'), path.join(outside, 'pwned')];
  return {
    values: [
      `--output=${planted[0]}`,
      `-c core.sshCommand=touch ${planted[1]}`,
      `--upload-pack=touch ${planted[1]}`,
      '-h',
    ],
    planted,
  };
}

export function expectNothingPlanted(planted: string[]): void {
  for (const file of planted) expect(existsSync(file), file).toBe(false);
}

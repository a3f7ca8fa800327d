import type { TestClient } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttackWorld, attackWorld, everything } from './attack-world.js';
import { gitClient, gitServer } from './helpers.js';

/** repo_path confinement for every registered tool that takes one (tools added later included). */
let w: AttackWorld;
let client: TestClient;
beforeAll(async () => {
  w = await attackWorld();
  client = await gitClient(['--toolsets', 'all', '--allow-force-push', w.root]);
});
afterAll(() => client.close());

const DENIED = /^\[access_denied\]/;

/** The smallest valid call of each tool that takes repo_path (confirm set where needed). */
const MINIMAL: Record<string, Record<string, unknown>> = {
  git_add: { files: ['.'] },
  git_blame: { path: 'README.md' },
  git_checkout: { branch_name: 'feature' },
  git_commit: { message: 'pwned' },
  git_create_branch: { branch_name: 'pwned' },
  git_create_tag: { name: 'pwned' },
  git_delete_branch: { branch_name: 'feature' },
  git_diff: { target: 'HEAD' },
  git_grep: { pattern: 'secret' },
  git_merge: { branch: 'main' },
  git_restore: { paths: ['.'] },
  git_show: { revision: 'HEAD' },
  git_show_file: { path: 'secret.txt' },
  git_stash: { action: 'push' },
};

describe('repo_path confinement, for every tool that takes it', () => {
  const tools = gitServer(['--toolsets', 'all']).tools.filter((t) => 'repo_path' in t.input.shape);
  const targets = (): [string, string][] => [
    ['a repository outside', w.outside],
    ['.. out of the root', `${w.root}/../outside`],
    ['a sibling sharing the prefix', `${w.root}2/other`],
    ['a symlinked repository leading out', `${w.root}/link`],
  ];
  it.each(tools.map((t) => t.name))('%s refuses every repository outside', async (name) => {
    for (const [what, repoPath] of targets()) {
      const before = everything(w);
      const result = await client.call(name, { ...MINIMAL[name], confirm: true, repo_path: repoPath });
      expect(
        client.textOf(result),
        `${name}: ${what} (add its minimal call to MINIMAL if this is a schema error)`,
      ).toMatch(DENIED);
      expect(everything(w)).toEqual(before);
    }
  });
});

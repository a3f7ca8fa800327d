import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inventoryProblems, toolSnapshotProblems } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { gitServer } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const names = (argv: string[]) => gitServer(argv).tools.map((t) => t.name);

const READ = [
  'git_blame',
  'git_branch',
  'git_diff',
  'git_diff_staged',
  'git_diff_unstaged',
  'git_grep',
  'git_log',
  'git_remote',
  'git_show',
  'git_show_file',
  'git_status',
  'git_tag',
];
const WRITE = [
  'git_add',
  'git_checkout',
  'git_clone',
  'git_commit',
  'git_create_branch',
  'git_create_tag',
  'git_delete_branch',
  'git_init',
  'git_merge',
  'git_reset',
  'git_reset_hard',
  'git_restore',
  'git_stash',
];
const REMOTE = ['git_fetch', 'git_pull', 'git_push'];

describe('git inventory', () => {
  it('has the generated tool table in its README', () => {
    const script = path.resolve(here, '../../../scripts/tool-table.mjs');
    execFileSync(process.execPath, [script, path.resolve(here, '..'), '--check'], { stdio: 'pipe' });
  });

  it('every tool is complete and matches its schema snapshot', async () => {
    expect(inventoryProblems(gitServer(['--toolsets', 'all']))).toEqual([]);
    expect(await toolSnapshotProblems(gitServer(['--toolsets', 'all']), here)).toEqual([]);
  });

  it.each([
    ['default', [], [...READ, ...WRITE].sort()],
    ['read-only', ['--read-only'], READ],
    ['read-only wins over the remote toolset', ['--read-only', '--toolsets', 'all'], READ],
    ['all toolsets', ['--toolsets', 'all'], [...READ, ...WRITE, ...REMOTE].sort()],
    ['only remote', ['--toolsets', 'remote'], REMOTE],
  ])('exposes exactly the right tools: %s', (_label, argv, expected) => {
    expect(names(argv)).toEqual(expected);
  });

  it('marks destructive tools destructive', () => {
    const destructive = gitServer(['--toolsets', 'all'])
      .tools.filter((t) => t.annotations.destructiveHint)
      .map((t) => t.name);
    expect(destructive).toEqual(['git_delete_branch', 'git_reset_hard', 'git_restore', 'git_stash']);
  });
});

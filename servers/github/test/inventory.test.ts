import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inventoryProblems, toolSnapshotProblems } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { TOOLSETS } from '../src/server.js';
import { aliasTools } from '../src/tools/aliases.js';
import { allTools } from '../src/tools/index.js';
import { githubServer } from './helpers.js';
import { TOUR } from './tour.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** github-mcp-server's default toolsets, by its tool names. */
const DEFAULT: Record<string, string[]> = {
  context: ['get_me', 'get_team_members', 'get_teams'],
  repos: [
    'create_branch',
    'create_or_update_file',
    'create_repository',
    'delete_file',
    'fork_repository',
    'get_commit',
    'get_file_contents',
    'get_latest_release',
    'get_release_by_tag',
    'get_tag',
    'list_branches',
    'list_commits',
    'list_releases',
    'list_tags',
    'push_files',
    'search_code',
    'search_commits',
    'search_repositories',
  ],
  issues: [
    'add_issue_comment',
    'get_label',
    'issue_read',
    'issue_write',
    'list_issue_types',
    'list_issues',
    'search_issues',
    'sub_issue_write',
  ],
  pull_requests: [
    'add_comment_to_pending_review',
    'add_reply_to_pull_request_comment',
    'create_pull_request',
    'list_pull_requests',
    'merge_pull_request',
    'pull_request_read',
    'pull_request_review_write',
    'search_pull_requests',
    'update_pull_request',
    'update_pull_request_branch',
  ],
  users: ['search_users'],
};
const ALL_DEFAULT = Object.values(DEFAULT).flat().sort();
const READS = [
  'get_commit',
  'get_file_contents',
  'get_label',
  'get_latest_release',
  'get_me',
  'get_release_by_tag',
  'get_tag',
  'get_team_members',
  'get_teams',
  'issue_read',
  'list_branches',
  'list_commits',
  'list_issue_types',
  'list_issues',
  'list_pull_requests',
  'list_releases',
  'list_tags',
  'pull_request_read',
  'search_code',
  'search_commits',
  'search_issues',
  'search_pull_requests',
  'search_repositories',
  'search_users',
];

const HIDDEN = new Set(aliasTools.map((t) => t.name));
/** What tools/list shows (the reference's old names are hidden). */
const names = (argv: string[]) =>
  githubServer(argv)
    .tools.map((t) => t.name)
    .filter((n) => !HIDDEN.has(n));

describe('github inventory', () => {
  it('has the generated tool table in its README', () => {
    const script = path.resolve(here, '../../../scripts/tool-table.mjs');
    execFileSync(process.execPath, [script, path.resolve(here, '..'), '--check'], { stdio: 'pipe' });
  });

  it("test/toolsets.json (the README table's toolset column) matches the server", () => {
    const server = githubServer(['--toolsets', 'all']);
    const actual = Object.fromEntries(
      [...TOOLSETS.map((t) => t.name)].flatMap((set) =>
        allTools.filter((t) => t.toolset === set).map((t) => [t.name, set]),
      ),
    );
    const file = path.join(here, 'toolsets.json');
    if (!fs.existsSync(file) && !process.env.CI)
      fs.writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(actual);
    expect(Object.keys(actual).sort()).toEqual(names(['--toolsets', 'all']).sort());
    void server.close();
  });

  it('every tool is complete and matches its schema snapshot', async () => {
    const server = githubServer(['--toolsets', 'all']);
    expect(inventoryProblems(server)).toEqual([]);
    expect(await toolSnapshotProblems(server, here)).toEqual([]);
    await server.close();
  });

  it("the default toolsets are github-mcp-server's, by name", () => {
    expect(names([])).toEqual(ALL_DEFAULT);
  });

  it.each(Object.entries(DEFAULT))('--toolsets %s', (toolset, tools) => {
    expect(names(['--toolsets', toolset])).toEqual(tools);
  });

  it('--read-only keeps the reads only, and wins over --tools', () => {
    expect(names(['--read-only'])).toEqual(READS);
    expect(names(['--read-only', '--tools', 'push_files'])).toEqual([]);
  });

  it('--tools and --exclude-tools, with env twins', () => {
    expect(names(['--tools', 'get_me,issue_read'])).toEqual(['get_me', 'issue_read']);
    expect(names(['--exclude-tools', 'push_files,delete_file'])).toEqual(
      ALL_DEFAULT.filter((t) => t !== 'push_files' && t !== 'delete_file'),
    );
    expect(githubServer([], { GITHUB_TOOLSETS: 'users' }).tools.map((t) => t.name)).toEqual(['search_users']);
    expect(names(['--exclude-tools', 'get_issue'])).toEqual(ALL_DEFAULT);
  });

  it('offers no delete_repository at all', () => {
    expect(names(['--toolsets', 'all'])).not.toContain('delete_repository');
  });

  it('every tool is called by the OpenAPI tour', () => {
    const toured = new Set(TOUR.map(([name]) => name));
    expect(names(['--toolsets', 'all']).filter((n) => !toured.has(n))).toEqual([]);
  });
});

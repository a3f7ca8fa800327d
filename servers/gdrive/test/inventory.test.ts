import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@bastion-mcp/runtime';
import { inventoryProblems, toolSnapshotProblems } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { scopesFor } from '../src/lib/paths.js';
import { configSpec, createServer } from '../src/server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const READ = [
  'get_file_metadata',
  'get_permissions',
  'list_comments',
  'list_folder',
  'list_recent_files',
  'list_revisions',
  'list_shared_drives',
  'read_file',
  'search_files',
];
const WRITE = ['copy_file', 'create_file', 'create_folder', 'move_file', 'trash_file', 'update_file'];
const SHARING = ['remove_permission', 'share_file'];

const server = (argv: string[] = []) => {
  const parsed = parseConfig(configSpec, argv, {});
  if (!('run' in parsed)) throw new Error(parsed.stderr);
  return createServer(parsed.run, undefined, {});
};

describe('gdrive inventory', () => {
  it('has the generated tool table in its README', () => {
    const script = path.resolve(here, '../../../scripts/tool-table.mjs');
    execFileSync(process.execPath, [script, path.resolve(here, '..'), '--check'], { stdio: 'pipe' });
  });

  it('every tool is complete and matches its schema snapshot', async () => {
    const all = server(['--toolsets', 'all']);
    expect(inventoryProblems(all)).toEqual([]);
    expect(await toolSnapshotProblems(all, here)).toEqual([]);
  });

  it.each([
    ['default', [], READ],
    ['read-only with everything asked for', ['--toolsets', 'all', '--read-only'], READ],
    ['write', ['--toolsets', 'read,write'], [...READ, ...WRITE].sort()],
    ['sharing', ['--toolsets', 'sharing'], SHARING],
    ['all', ['--toolsets', 'all'], [...READ, ...WRITE, ...SHARING].sort()],
  ])('tool set: %s', (_label, argv, tools) => {
    expect(server(argv).tools.map((t) => t.name)).toEqual(tools);
  });

  it('asks Google for drive.readonly unless a selected tool writes', () => {
    const readonly = ['https://www.googleapis.com/auth/drive.readonly'];
    const full = ['https://www.googleapis.com/auth/drive'];
    expect(scopesFor(server().tools)).toEqual(readonly);
    expect(scopesFor(server(['--toolsets', 'all', '--read-only']).tools)).toEqual(readonly);
    expect(scopesFor(server(['--toolsets', 'write']).tools)).toEqual(full);
    expect(scopesFor(server(['--tools', 'share_file']).tools)).toEqual(full);
  });

  it('kinds: reads are read, trash and sharing are destructive, the rest write', () => {
    const kinds = Object.fromEntries(server(['--toolsets', 'all']).tools.map((t) => [t.name, t.kind]));
    for (const name of READ) expect(kinds[name]).toBe('read');
    expect(kinds).toMatchObject({
      trash_file: 'destructive',
      share_file: 'destructive',
      remove_permission: 'destructive',
      move_file: 'write',
    });
  });
});

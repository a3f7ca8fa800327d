import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inventoryProblems, toolSnapshotProblems } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { fsServer } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const names = (argv: string[]) => fsServer(argv).tools.map((t) => t.name);

const READ = [
  'directory_tree',
  'get_file_info',
  'list_allowed_directories',
  'list_directory',
  'list_directory_with_sizes',
  'read_media_file',
  'read_multiple_files',
  'read_text_file',
  'search_file_contents',
  'search_files',
];
const WRITE = ['copy_file', 'create_directory', 'edit_file', 'move_file', 'write_file'];

describe('filesystem inventory', () => {
  it('has the generated tool table in its README', () => {
    const script = path.resolve(here, '../../../scripts/tool-table.mjs');
    execFileSync(process.execPath, [script, path.resolve(here, '..'), '--check'], { stdio: 'pipe' });
  });

  it('every tool is complete and matches its schema snapshot', async () => {
    expect(inventoryProblems(fsServer(['--toolsets', 'all']))).toEqual([]);
    expect(await toolSnapshotProblems(fsServer(['--toolsets', 'all']), here)).toEqual([]);
  });

  it.each([
    ['default', [], [...READ, ...WRITE].sort()],
    ['read-only', ['--read-only'], READ],
    ['read-only wins over the delete toolset', ['--read-only', '--toolsets', 'all'], READ],
    ['all toolsets', ['--toolsets', 'all'], [...READ, ...WRITE, 'delete_path'].sort()],
    ['only delete', ['--toolsets', 'delete'], ['delete_path']],
  ])('exposes exactly the right tools: %s', (_label, argv, expected) => {
    expect(names(argv)).toEqual(expected);
  });

  it('keeps read_file as a listed alias of read_text_file', () => {
    expect(fsServer().tools.find((t) => t.name === 'read_text_file')?.aliases).toEqual(['read_file']);
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { fsClient } from './helpers.js';

/** Every file under `dir` with its content (links as `-> target`), to prove a refusal changed nothing. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const key = path.relative(dir, full);
    if (entry.isSymbolicLink()) out[key] = `-> ${await fs.readlink(full)}`;
    else if (entry.isFile()) out[key] = await fs.readFile(full, 'utf8');
    else out[key] = '<dir>';
  }
  return out;
}

let base: string;
let root: string;
let outside: string;

beforeAll(async () => {
  base = await tempDir({
    'root/a.txt': 'inside\n',
    'root/.env': 'SECRET=1\n',
    'root2/secret.txt': 'sibling secret\n',
    'outside/secret.txt': 'outside secret\n',
  });
  root = path.join(base, 'root');
  outside = path.join(base, 'outside');
  const link = (target: string, name: string) => fs.symlink(target, path.join(root, name));
  await link(path.join(outside, 'secret.txt'), 'file-link');
  await link(outside, 'dir-link');
  await link(path.join(root, 'chain2'), 'chain1');
  await link(path.join(root, 'dir-link'), 'chain2');
  await link(path.join(outside, 'not-yet.txt'), 'dangling');
  await link(path.join(root, '.env'), 'innocent');
});

// Paths that must be refused, as file paths and as directory paths.
const files = (): [string, string][] => [
  ['a sibling sharing the name prefix', `${root}2/secret.txt`],
  ['.. out of the root', `${root}/../outside/secret.txt`],
  ['an absolute path outside', `${outside}/secret.txt`],
  ['a symlinked file leading out', `${root}/file-link`],
  ['a symlinked directory leading out', `${root}/dir-link/secret.txt`],
  ['a chain of symlinks leading out', `${root}/chain1/secret.txt`],
  ['a dangling symlink pointing outside', `${root}/dangling`],
  ['a denied file reached through a symlink', `${root}/innocent`],
  ['a denied file', `${root}/.env`],
  ['a NUL byte', `${root}/a.txt\0.png`],
  ['a Windows drive path', 'C:\\Users\\me\\secret.txt'],
];
const dirs = (): [string, string][] => [
  ['a sibling sharing the name prefix', `${root}2`],
  ['.. out of the root', `${root}/..`],
  ['an absolute path outside', outside],
  ['a symlinked directory leading out', `${root}/dir-link`],
  ['a chain of symlinks leading out', `${root}/chain1`],
];

type Call = [tool: string, args: (p: string) => Record<string, unknown>];
const FILE_TOOLS: Call[] = [
  ['read_text_file', (p) => ({ path: p })],
  ['read_text_file', (p) => ({ path: p, tail: 5 })],
  ['read_media_file', (p) => ({ path: p })],
  ['read_multiple_files', (p) => ({ paths: [p] })],
  ['get_file_info', (p) => ({ path: p })],
  ['write_file', (p) => ({ path: p, content: 'pwned' })],
  ['edit_file', (p) => ({ path: p, edits: [{ oldText: 'secret', newText: 'pwned' }] })],
  ['move_file', (p) => ({ source: p, destination: `${root}/moved.txt` })],
  ['move_file', (p) => ({ source: `${root}/a.txt`, destination: p })],
  ['copy_file', (p) => ({ source: p, destination: `${root}/copied.txt` })],
  ['copy_file', (p) => ({ source: `${root}/a.txt`, destination: p, overwrite: true })],
  ['delete_path', (p) => ({ path: p })],
];
const DIR_TOOLS: Call[] = [
  ['list_directory', (p) => ({ path: p })],
  ['list_directory_with_sizes', (p) => ({ path: p })],
  ['directory_tree', (p) => ({ path: p })],
  ['search_files', (p) => ({ path: p, pattern: '**/*' })],
  ['search_file_contents', (p) => ({ path: p, query: 'secret' })],
  ['create_directory', (p) => ({ path: `${p}/newdir` })],
  ['delete_path', (p) => ({ path: p, recursive: true })],
];

describe('every path-taking tool refuses every escape with access_denied and changes nothing', () => {
  const cases = (calls: Call[], paths: () => [string, string][]) =>
    calls.flatMap(([tool, args]) => paths().map(([label, p]) => ({ tool, args, label, p })));

  it.each([
    ['file', FILE_TOOLS, files],
    ['directory', DIR_TOOLS, dirs],
  ] as const)('%s tools', async (_kind, calls, paths) => {
    const client = await fsClient([root, '--toolsets', 'all']);
    const before = await snapshot(base);
    const failures: string[] = [];
    for (const { tool, args, label, p } of cases(calls, paths)) {
      const result = await client.call(tool, args(p));
      const text = client.textOf(result);
      if (!text.includes('[access_denied]')) failures.push(`${tool} with ${label}: ${text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(base)).toEqual(before);
    await client.close();
  });
});

describe('host filesystem semantics (Linux: case-sensitive, no Unicode normalisation)', () => {
  it('treats names differing in case or normalisation as different files', async () => {
    const dir = await tempDir({ 'Case.txt': 'upper', 'caf\u00e9.txt': 'nfc' });
    const client = await fsClient([dir]);
    expect(client.textOf(await client.call('read_text_file', { path: 'case.txt' }))).toMatch(
      /^\[not_found\]/,
    );
    expect(client.textOf(await client.call('read_text_file', { path: 'cafe\u0301.txt' }))).toMatch(
      /^\[not_found\]/,
    );
    expect(client.textOf(await client.call('read_text_file', { path: 'caf\u00e9.txt' }))).toBe('nfc');
    await client.close();
  });
});

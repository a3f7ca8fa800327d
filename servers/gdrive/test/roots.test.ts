import type { TestClient } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TREE_FOLDERS } from '../src/lib/root-tree.js';
import { type Setup, setup } from './helpers.js';

let s: Setup;
let c: TestClient;
beforeAll(async () => {
  s = await setup();
  c = await s.open(['--roots', 'https://drive.google.com/drive/folders/fld-projects,drv-eng']);
});
afterAll(() => s.close());

const call = async (tool: string, args: Record<string, unknown> = {}) => {
  const result = await c.call(tool, args);
  return { result, text: c.textOf(result) };
};
const DENIED = /^\[access_denied\] \w+.*outside the folders this server may use \(--roots\)/;

describe('--roots confinement', () => {
  it('reads inside a root, deep inside, and inside a shared drive root', async () => {
    expect((await call('read_file', { fileId: 'doc-plan' })).text).toContain('Ship the');
    expect((await call('read_file', { fileId: 'txt-long', maxChars: 100 })).text).toContain('line 1');
    expect((await call('read_file', { fileId: 'doc-spec' })).text).toContain('GET /v1/things');
  });

  it('refuses reads by id outside the roots, for every tool and the resource', async () => {
    for (const [tool, args] of [
      ['read_file', { fileId: 'doc-salary' }],
      ['read_file', { fileId: 'https://docs.google.com/document/d/doc-salary/edit' }],
      ['read_file', { fileId: 'doc-pitch' }], // another shared drive
      ['read_file', { fileId: 'doc-alice' }], // shared with me, not under a root
      ['get_file_metadata', { fileId: 'doc-salary' }],
      ['get_permissions', { fileId: 'doc-salary' }],
      ['list_comments', { fileId: 'doc-salary' }],
      ['list_revisions', { fileId: 'doc-salary' }],
      ['list_folder', { folderId: 'fld-secret' }],
      ['list_folder', { folderId: 'root' }],
      ['search_files', { folderId: 'fld-secret' }],
    ] as const) {
      const { result, text } = await call(tool, args);
      expect(result.isError, `${tool} ${JSON.stringify(args)}`).toBe(true);
      expect(text).toMatch(DENIED);
      expect(text).not.toContain('CEO');
    }
    await expect(c.client.readResource({ uri: 'gdrive:///doc-salary' })).rejects.toThrow(
      /outside the folders/,
    );
  });

  it("names no folder outside the roots in a file's path (metadata)", async () => {
    // doc-two-parents sits in Secret (outside) first, and in Projects (a root).
    const two = (await call('get_file_metadata', { fileId: 'doc-two-parents' })).result;
    expect((two.structuredContent as { path: string[] }).path).toEqual(['Projects']);
    const deep = (await call('get_file_metadata', { fileId: 'txt-long' })).result;
    expect((deep.structuredContent as { path: string[] }).path).toEqual(['Projects', 'Archive']);
    expect(c.textOf(deep)).not.toContain('My Drive');
  });

  it('refuses a folder shortcut inside a root that points outside', async () => {
    for (const tool of ['list_folder', 'search_files']) {
      const { text } = await call(tool, { folderId: 'sc-to-secret-folder' });
      expect(text).toMatch(/^\[access_denied\] folderId \(shortcut target\): fld-secret is outside/);
    }
  });

  it('refuses a shortcut inside a root that points outside', async () => {
    const { text } = await call('read_file', { fileId: 'sc-to-secret' });
    expect(text).toMatch(/^\[access_denied\] fileId \(shortcut target\): doc-salary is outside/);
    for (const tool of ['list_comments', 'list_revisions', 'get_permissions']) {
      const via = await call(tool, { fileId: 'sc-to-secret' });
      expect(via.text).toMatch(/^\[access_denied\] fileId \(shortcut target\): doc-salary is outside/);
    }
  });

  it('allows a file with several parents when one chain reaches a root', async () => {
    expect((await call('read_file', { fileId: 'doc-two-parents' })).text).toContain('In two folders.');
  });

  it('confines a search to the folders under the roots in its query, whatever the query text', async () => {
    const { text } = await call('search_files', { text: 'plan' });
    expect(text).toContain('Plan 2026');
    expect(text).not.toContain('Sales pitch plan');
    expect(text).not.toContain('Alice shared plan');
    // The tree is small: its folders are named in the query, so nothing had to be filtered out after.
    expect(text).not.toMatch(/left out/);
    const sent = s.fake.requests.filter(
      (r) => r.path === '/drive/v3/files' && /fullText contains 'plan'/.test(r.query.q ?? ''),
    );
    expect(sent.at(-1)?.query.q).toMatch(
      /\('fld-projects' in parents or 'drv-eng' in parents or .*'fld-archive' in parents/,
    );
    const crafted = await call('search_files', { name: "' or name contains 'Salar" });
    expect(crafted.text).not.toContain('Salaries');
    const all = await call('search_files', { name: 'Salar' });
    expect(all.text).not.toContain('id doc-salary'); // the shortcut inside a root may be listed; its target is not
    const recent = await call('list_recent_files', { pageSize: 100 });
    expect(recent.text).not.toContain('id doc-salary');
    expect(recent.text).toContain('doc-plan');
    expect(recent.text).toMatch(/\d+ file\(s\) outside the allowed roots were left out/);
  });

  it('lists the roots when no folder is given, and only root shared drives', async () => {
    const { result } = await call('list_folder');
    expect(result.structuredContent).toEqual({ roots: ['fld-projects', 'drv-eng'] });
    const drives = await call('list_shared_drives');
    expect(drives.text).toContain('Engineering');
    expect(drives.text).not.toContain('Sales');
  });

  it('resources/list shows only files under the roots', async () => {
    const { resources } = await c.client.listResources();
    const ids = resources.map((r) => r.uri);
    expect(ids).toContain('gdrive:///doc-plan');
    expect(ids).not.toContain('gdrive:///doc-salary');
    expect(ids).not.toContain('gdrive:///doc-pitch');
  });

  it('checks parents once per file while the cache holds (repeat calls cost no lookups)', async () => {
    await call('read_file', { fileId: 'slides-deck' });
    const lookups = () =>
      s.fake.requests.filter(
        (r) => r.query.fields === 'id,parents,driveId' && r.path.endsWith('/slides-deck'),
      ).length;
    const before = lookups();
    await call('read_file', { fileId: 'slides-deck' });
    await call('get_file_metadata', { fileId: 'slides-deck' });
    expect(lookups()).toBe(before);
  });

  it('refuses a bad --roots value at start-up', async () => {
    await expect(s.open(['--roots', "x' or 1"])).rejects.toThrow(/--roots: "x' or 1" is not a folder id/);
  });
});

describe('--roots over a big tree', () => {
  it('filters a search by ancestry when the tree has too many folders to name in a query', async () => {
    const big = await setup({ fake: { extraFolders: MAX_TREE_FOLDERS } });
    try {
      const client = await big.open(['--roots', 'fld-projects']);
      const text = client.textOf(await client.call('search_files', { text: 'plan' }));
      expect(text).toContain('id doc-plan');
      expect(text).not.toContain('Sales pitch plan');
      expect(text).toMatch(/result\(s\) outside the allowed roots were left out/);
      const searches = big.fake.requests.filter((r) => /fullText contains 'plan'/.test(r.query.q ?? ''));
      expect(searches.at(-1)?.query.q).not.toMatch(/in parents/);
    } finally {
      await big.close();
    }
  });
});

describe('--roots root (My Drive)', () => {
  it('resolves the alias to the real root id once, and keeps shared drives and files of others out', async () => {
    const mine = await s.open(['--roots', 'root']);
    expect(mine.textOf(await mine.call('read_file', { fileId: 'txt-long', maxChars: 100 }))).toContain(
      'line 1',
    );
    expect(mine.textOf(await mine.call('read_file', { fileId: 'doc-spec' }))).toMatch(DENIED);
    expect(mine.textOf(await mine.call('read_file', { fileId: 'doc-alice' }))).toMatch(DENIED);
    const search = mine.textOf(await mine.call('search_files', { text: 'plan' }));
    expect(search).toContain('id doc-plan');
    expect(search).not.toContain('id doc-pitch');
    // My Drive is too big a tree to name in a query: the answer is filtered by ancestry instead.
    expect(search).toMatch(/result\(s\) outside the allowed roots were left out/);
    const aliasLookups = s.fake.requests.filter(
      (r) => r.path === '/drive/v3/files/root' && r.query.fields === 'id',
    );
    expect(aliasLookups).toHaveLength(1);
  });
});

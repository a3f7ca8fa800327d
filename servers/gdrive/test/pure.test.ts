import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, ToolError } from '@bastion-mcp/runtime';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { checkBaseUrl, rebase } from '../src/lib/api-url.js';
import { toFileId } from '../src/lib/ids.js';
import { quote, searchQuery } from '../src/lib/query.js';
import { Confinement, type Placement } from '../src/lib/roots.js';
import { saveToken } from '../src/lib/token-store.js';
import { tokenize } from './fake/query.mjs';

describe('quote (Drive q string values)', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it\\'s'"],
    ['back\\slash', "'back\\\\slash'"],
    ["\\'", "'\\\\\\''"],
    ["x' or name contains '", "'x\\' or name contains \\''"],
    ['', "''"],
    ['ünïcode "double"', '\'ünïcode "double"\''],
  ])('%j -> %s', (value, quoted) => {
    expect(quote(value)).toBe(quoted);
  });

  it.each([
    "a' or 'b' in parents or name contains '",
    "\\' or trashed = true or name = '",
    "\\\\' or '1' in owners) or (name contains '",
    "'''''",
    '\\\\\\',
  ])('a crafted value stays one string token: %j', (value) => {
    const tokens = tokenize(`name contains ${quote(value)} and trashed = false`);
    expect(tokens.filter((t) => t.t === 'str').map((t) => t.v)).toEqual([value]);
    expect(tokens.map((t) => t.v).slice(-3)).toEqual(['trashed', '=', 'false']);
  });
});

describe('searchQuery', () => {
  it('joins every filter with and, quoting each value', () => {
    expect(
      searchQuery({
        text: "q'1",
        name: 'n',
        type: 'document',
        folderId: 'f1',
        modifiedAfter: '2026-01-01',
        owner: 'me',
      }),
    ).toBe(
      "fullText contains 'q\\'1' and name contains 'n' and mimeType = 'application/vnd.google-apps.document' and 'f1' in parents and modifiedTime > '2026-01-01' and 'me' in owners and trashed = false",
    );
    expect(searchQuery({ type: 'image', includeTrashed: true })).toBe("mimeType contains 'image/'");
    expect(searchQuery({ type: 'text' })).toBe(
      "(mimeType = 'text/plain' or mimeType = 'text/markdown' or mimeType = 'text/csv') and trashed = false",
    );
  });
});

describe('toFileId', () => {
  it.each([
    ['1AbC_d-9', '1AbC_d-9'],
    ['  spaced  ', 'spaced'],
    ['https://drive.google.com/file/d/FILE1/view?usp=sharing', 'FILE1'],
    ['https://docs.google.com/document/d/DOC1/edit#heading=h.1', 'DOC1'],
    ['https://docs.google.com/spreadsheets/d/SHEET1/edit#gid=0', 'SHEET1'],
    ['https://docs.google.com/presentation/d/PRES1/edit', 'PRES1'],
    ['https://drive.google.com/drive/folders/FOLD1', 'FOLD1'],
    ['https://drive.google.com/drive/u/0/folders/FOLD2?resourcekey=x', 'FOLD2'],
    ['https://drive.google.com/open?id=OPEN1', 'OPEN1'],
    ['https://drive.google.com/uc?id=UC1&export=download', 'UC1'],
  ])('%s -> %s', (input, id) => {
    expect(toFileId('fileId', input)).toBe(id);
  });

  it.each([
    "x' or '1'='1",
    '../etc/passwd',
    'a b',
    'https://evil.example/file/d/ID/view',
    'http://drive.google.com/file/d/ID/view',
    'https://drive.google.com.evil.example/file/d/ID',
    'https://drive.google.com/file/d/a%27b/view',
    'https://drive.google.com/drive/my-drive',
    '',
    'x'.repeat(201),
  ])('refuses %j with the field named', (input) => {
    expect(() => toFileId('folderId', input)).toThrow(ToolError);
    expect(() => toFileId('folderId', input)).toThrow(/^folderId: /);
  });
});

describe('checkBaseUrl and rebase', () => {
  it.each([
    ['https://proxy.example/google', 'https://proxy.example/google/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['http://localhost:1/', 'http://localhost:1/'],
    ['http://[::1]:9/', 'http://[::1]:9/'],
  ])('accepts %s', (input, out) => {
    expect(checkBaseUrl('--api-url', input)).toBe(out);
  });
  it.each([
    'http://proxy.example/',
    'http://127.0.0.1.evil.example/',
    'ftp://127.0.0.1/',
    'https://user:pw@proxy.example/',
    'not a url',
  ])('refuses %s', (input) => {
    expect(() => checkBaseUrl('--api-url', input)).toThrow(ConfigError);
  });
  it('moves every googleapis.com host and docs.google.com (export links), keeping path and query, and leaves others', () => {
    const base = 'http://127.0.0.1:9/base/';
    expect(rebase(new URL('https://oauth2.googleapis.com/token'), base).href).toBe(
      'http://127.0.0.1:9/base/token',
    );
    expect(
      rebase(new URL('https://www.googleapis.com/upload/drive/v3/files?uploadType=multipart'), base).href,
    ).toBe('http://127.0.0.1:9/base/upload/drive/v3/files?uploadType=multipart');
    expect(rebase(new URL('https://sheets.googleapis.com/v4/spreadsheets/x'), base).href).toBe(
      'http://127.0.0.1:9/base/v4/spreadsheets/x',
    );
    expect(
      rebase(new URL('https://docs.google.com/feeds/download/documents/export/Export?id=a'), base).href,
    ).toBe('http://127.0.0.1:9/base/feeds/download/documents/export/Export?id=a');
    for (const other of ['https://evil.docs.google.com/x', 'https://docs.google.com.evil.example/x'])
      expect(rebase(new URL(other), base).href).toBe(other);
    expect(rebase(new URL('https://googleapis.com.evil.example/x'), base).href).toBe(
      'https://googleapis.com.evil.example/x',
    );
    expect(rebase(new URL('https://www.googleapis.com/x'), undefined).href).toBe(
      'https://www.googleapis.com/x',
    );
  });
});

describe('Confinement', () => {
  // root-me > projects > archive > deep ; root-me > secret ; two-parents in secret and archive;
  // shared drive d1 > specs > spec ; a loop a <-> b
  const tree: Record<string, Placement> = {
    'root-me': { parents: [] },
    projects: { parents: ['root-me'] },
    archive: { parents: ['projects'] },
    deep: { parents: ['archive'] },
    secret: { parents: ['root-me'] },
    salary: { parents: ['secret'] },
    'two-parents': { parents: ['secret', 'archive'] },
    specs: { parents: ['d1'], driveId: 'd1' },
    spec: { parents: ['specs'], driveId: 'd1' },
    a: { parents: ['b'] },
    b: { parents: ['a'] },
  };
  const make = (roots: string[], calls: string[] = [], now = () => 0) =>
    new Confinement(
      roots,
      async (id) => {
        calls.push(id);
        return tree[id];
      },
      1000,
      now,
    );

  it.each([
    [['projects'], 'projects', true],
    [['projects'], 'deep', true],
    [['projects'], 'two-parents', true],
    [['projects'], 'salary', false],
    [['projects'], 'secret', false],
    [['projects'], 'root-me', false],
    [['projects'], 'unknown', false],
    [['projects'], 'a', false],
    [['d1'], 'spec', true],
    [['d1'], 'specs', true],
    [['d1'], 'deep', false],
    [['specs'], 'spec', true],
    [['archive', 'd1'], 'two-parents', true],
    [['PROJECTS'], 'deep', false],
    [[], 'salary', true],
  ])('roots %j: %s -> %s', async (roots, id, allowed) => {
    expect(await make(roots).allows(id)).toBe(allowed);
  });

  it('resolves the My Drive alias once, and retries a failed resolution', async () => {
    let calls = 0;
    let fail = true;
    const c = new Confinement(
      ['root'],
      async (id) => tree[id],
      1000,
      () => 0,
      async () => {
        calls++;
        if (fail) throw new Error('offline');
        return 'root-me';
      },
    );
    await expect(c.allows('deep')).rejects.toThrow('offline');
    fail = false;
    expect(await c.allows('deep')).toBe(true);
    expect(await c.allows('spec')).toBe(false);
    expect(calls).toBe(2);
  });

  it('caches placements for the TTL, then asks again', async () => {
    const calls: string[] = [];
    let t = 0;
    const c = make(['projects'], calls, () => t);
    await c.allows('deep');
    expect(calls).toEqual(['deep', 'archive']);
    await c.allows('deep');
    expect(calls).toHaveLength(2);
    t = 5000;
    await c.allows('deep');
    expect(calls).toEqual(['deep', 'archive', 'deep', 'archive']);
  });
});

describe('zip reading (Office files)', () => {
  it('reads entries, refuses malformed archives and stops a zip bomb', async () => {
    const { zip } = await import('./fake/office.mjs');
    const { zipEntries, zipRead } = await import('../src/lib/zip.js');
    const archive = zip({ 'a.txt': 'hello', 'b/c.xml': '<x/>' });
    const entries = zipEntries(archive);
    expect(entries.map((e) => e.name)).toEqual(['a.txt', 'b/c.xml']);
    expect(zipRead(archive, entries[0] as (typeof entries)[number]).toString()).toBe('hello');
    expect(() => zipEntries(Buffer.from('PK nothing here'))).toThrow(/not a zip archive/);
    expect(() => zipEntries(archive.subarray(0, archive.length - 30))).toThrow();
    const bomb = zip({ 'word/document.xml': '\0'.repeat(70 * 1024 * 1024) });
    const [entry] = zipEntries(bomb);
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => zipRead(bomb, entry as (typeof entries)[number])).toThrow(
      /Cannot create a Buffer larger|buffer|length/i,
    );
  });
});

describe('Retry-After', () => {
  it.each([
    ['3', 3000],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
    ['Thu, 01 Jan 2026 00:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j -> %s ms', async (value, ms) => {
    const { retryAfterMs } = await import('../src/lib/retry.js');
    expect(retryAfterMs(value, Date.parse('Thu, 01 Jan 2026 00:00:00 GMT'))).toBe(ms);
  });

  it('the backoff ends at once when the call is cancelled, whatever the server asked', async () => {
    const { retryBackoff } = await import('../src/lib/retry.js');
    const controller = new AbortController();
    const headers = new Headers({ 'retry-after': '3600' });
    const waiting = retryBackoff({ response: { headers }, config: { signal: controller.signal } }, 10);
    controller.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});

describe('saveToken', () => {
  it('creates a private folder, writes 0600 and merges without losing the refresh token', async () => {
    const file = path.join(await tempDir(), 'new', 'credentials.json');
    await saveToken(file, { access_token: 'a1', refresh_token: 'r1', expiry_date: 1 });
    expect((await fs.stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    await fs.chmod(file, 0o644); // as the reference left it
    await saveToken(file, { access_token: 'a2', refresh_token: null, expiry_date: 2 });
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({
      access_token: 'a2',
      refresh_token: 'r1',
      expiry_date: 2,
    });
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['credentials.json']); // no temp left
  });
});

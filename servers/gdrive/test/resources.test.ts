import fs from 'node:fs/promises';
import path from 'node:path';
import type { TestClient } from '@bastion-mcp/runtime/testing';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIG_BINARY_BYTES } from './fake/seed.mjs';
import { type Setup, setup } from './helpers.js';

let s: Setup;
let c: TestClient;
beforeAll(async () => {
  s = await setup();
  c = await s.open();
});
afterAll(() => s.close());

const read = async (uri: string) =>
  (await c.client.readResource({ uri })).contents[0] as unknown as Record<string, string>;

describe('gdrive:/// resources (the reference shapes)', () => {
  it('Docs as Markdown, Sheets as CSV of the first sheet, Slides as text, Drawings as PNG', async () => {
    expect(await read('gdrive:///doc-plan')).toMatchObject({
      mimeType: 'text/markdown',
      text: expect.stringContaining('# Plan 2026'),
    });
    const sheet = await read('gdrive:///sheet-budget');
    expect(sheet).toMatchObject({ mimeType: 'text/csv' });
    expect(sheet.text).toBe('Item,Total\r\nTravel,1200\r\nHardware,5400');
    expect(await read('gdrive:///slides-deck')).toMatchObject({
      mimeType: 'text/plain',
      text: expect.stringContaining('Roadmap 2026'),
    });
    const png = await read('gdrive:///draw-arch');
    expect(png.mimeType).toBe('image/png');
    expect(
      Buffer.from(png.blob as string, 'base64')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('text files as text, other files as a blob, shared drive files too', async () => {
    expect((await read('gdrive:///txt-long')).text).toMatch(/^line 1 of the long file/);
    expect((await read('gdrive:///img-logo')).blob).toBeTruthy();
    expect((await read('gdrive:///doc-spec')).text).toContain('GET /v1/things');
  });

  it('refuses big files, folders and bad ids with a message', async () => {
    await expect(read('gdrive:///bin-video')).rejects.toThrow(/over the 10 MB resource limit/);
    await expect(read('gdrive:///fld-projects')).rejects.toThrow(/is a folder/);
    await expect(read("gdrive:///x'y")).rejects.toThrow(/not a Drive file id/);
  });

  it('resources/list is fetched on request (not at start-up) and --no-list-resources turns it off', async () => {
    const before = s.fake.requests.length;
    const { resources } = await c.client.listResources();
    expect(s.fake.requests.length).toBeGreaterThan(before);
    expect(resources.length).toBeGreaterThan(10);
    expect(resources[0]).toMatchObject({ uri: 'gdrive:///doc-plan', name: 'Plan 2026' });
    const quiet = await s.open(['--no-list-resources']);
    const count = s.fake.requests.length;
    expect((await quiet.client.listResources()).resources).toEqual([]);
    expect(s.fake.requests.length).toBe(count);
    expect(await quiet.client.readResource({ uri: 'gdrive:///doc-plan' })).toBeTruthy();
  });
});

describe('resources/list paging', () => {
  it('pages through Drive with the cursor, every file once, newest first', async () => {
    const many = await setup({ fake: { extraNotes: 150 } });
    try {
      const client = await many.open();
      const first = await client.client.request({ method: 'resources/list', params: {} });
      expect(first.resources).toHaveLength(100);
      expect(first.nextCursor).toEqual(expect.any(String));
      const uris = first.resources.map((r) => r.uri);
      let cursor = first.nextCursor;
      let pages = 1;
      while (cursor && pages < 10) {
        const page = await client.client.listResources({ cursor });
        uris.push(...page.resources.map((r) => r.uri));
        cursor = page.nextCursor;
        pages++;
      }
      expect(pages).toBe(3);
      expect(new Set(uris).size).toBe(uris.length);
      expect(uris.length).toBeGreaterThan(200);
      expect(uris).toContain('gdrive:///extra-0');
      expect(uris.indexOf('gdrive:///note-30')).toBeLessThan(uris.indexOf('gdrive:///extra-149'));
      const all = await client.client.listResources();
      expect(all.resources.map((r) => r.uri)).toEqual(uris);
      const pageTokens = many.fake.requests.filter((r) => r.path === '/drive/v3/files' && r.query.pageToken);
      expect(pageTokens).toHaveLength(4);
    } finally {
      await many.close();
    }
  });
});

describe('--output-dir downloads', () => {
  it('streams a 30 MB binary to the folder, private and complete', async () => {
    const dir = await tempDir();
    const d = await s.open(['--output-dir', dir]);
    const result = await d.call('read_file', { fileId: 'bin-video' });
    const text = d.textOf(result);
    expect(text).toMatch(
      /video bin-video \(30\.0 MB\) was saved to .*bin-video-recording\.mp4 \(31457280 bytes\) because it is a binary file/,
    );
    const file = path.join(dir, 'bin-video-recording.mp4');
    const stat = await fs.stat(file);
    expect(stat.size).toBe(BIG_BINARY_BYTES);
    expect(stat.mode & 0o777).toBe(0o600);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const image = d.textOf(await d.call('read_file', { fileId: 'img-poster' }));
    expect(image).toMatch(/was saved to .*img-poster-poster\.png .*over the inline limit/);
    const pdf = d.textOf(await d.call('read_file', { fileId: 'pdf-report', download: true }));
    expect(pdf).toMatch(/saved to .*pdf-report-Report\.pdf/);
    const doc = d.textOf(await d.call('read_file', { fileId: 'doc-plan', download: true }));
    expect(doc).toMatch(/saved to .*doc-plan-Plan 2026\.md \(\d+ bytes, exported as md\)/);
    const md = await fs.readFile(path.join(dir, 'doc-plan-Plan 2026.md'), 'utf8');
    expect(md).toContain('Ship the **gdrive** server.');
  });

  it('saves a Google file over the 10 MB export limit through its export link, and sends the token to Google hosts only', async () => {
    const dir = await tempDir();
    const d = await s.open(['--output-dir', dir]);
    const text = d.textOf(await d.call('read_file', { fileId: 'doc-huge' }));
    expect(text).toMatch(
      /doc-huge .* was saved to .*doc-huge-Huge doc\.md \((\d+) bytes, exported as md\) because it is over Google's 10 MB export limit/,
    );
    const saved = await fs.stat(path.join(dir, 'doc-huge-Huge doc.md'));
    expect(saved.size).toBeGreaterThan(10 * 1024 * 1024);
    expect(saved.mode & 0o777).toBe(0o600);
    const rec = s.fake.files.get('doc-huge');
    if (!rec) throw new Error('seed changed');
    for (const link of ['https://evil.example/export?id=doc-huge', 'http://docs.google.com/x']) {
      rec.meta.exportLinks = { 'text/markdown': link };
      try {
        const refused = d.textOf(await d.call('read_file', { fileId: 'doc-huge', download: true }));
        expect(refused).toMatch(
          /^\[upstream\] Google offers no text\/markdown export link for file doc-huge/,
        );
      } finally {
        delete rec.meta.exportLinks;
      }
    }
  });

  it('names a downloaded file safely whatever the Drive name says', async () => {
    const dir = await tempDir();
    const d = await s.open(['--output-dir', dir]);
    const rec = s.fake.files.get('txt-long');
    if (!rec) throw new Error('seed changed');
    const name = rec.meta.name;
    rec.meta.name = '../../etc/evil\u0000.txt';
    try {
      const text = d.textOf(await d.call('read_file', { fileId: 'txt-long', download: true }));
      expect(text).toContain('was saved to');
      expect(await fs.readdir(dir)).toEqual(['txt-long-__.._etc_evil_.txt']);
    } finally {
      rec.meta.name = name;
    }
  });
});

describe('--output-dir download failures', () => {
  it('an upstream failure mid-way leaves no file behind and says so', async () => {
    const dir = await tempDir();
    const d = await s.open(['--output-dir', dir]);
    s.fake.failNext('/drive/v3/files/bin-video?alt=media', 503, 20);
    const text = d.textOf(await d.call('read_file', { fileId: 'bin-video' }));
    expect(text).toMatch(/^\[upstream\] Google Drive call failed for video bin-video .*Backend Error/);
    expect(await fs.readdir(dir)).toEqual([]);
  });
});

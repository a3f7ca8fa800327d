import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { fsClient } from './helpers.js';

const NOTES = 'one\ntwo\nthree\n';

describe.each(['legacy', 'modern'] as const)('edit_file (%s)', (era) => {
  it('applies the edits, returns the diff fenced and structured, and keeps mode bits', async () => {
    const root = await tempDir({ 'docs/notes.txt': NOTES });
    const file = path.join(root, 'docs/notes.txt');
    await fs.chmod(file, 0o755);
    const client = await fsClient([root], era);
    const result = await client.call('edit_file', {
      path: 'docs/notes.txt',
      edits: [{ oldText: 'two', newText: '2' }],
    });
    const diff = '--- a/docs/notes.txt\n+++ b/docs/notes.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n';
    expect(result.isError).toBeFalsy();
    expect(client.textOf(result)).toBe(`Applied 1 edit to ${file}.\n\n\`\`\`diff\n${diff}\`\`\``);
    expect(result.structuredContent).toEqual({ path: file, diff, applied: true, editsApplied: 1 });
    expect(await fs.readFile(file, 'utf8')).toBe('one\n2\nthree\n');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o755);
    await client.close();
  });

  it('dryRun returns the diff and writes nothing', async () => {
    const root = await tempDir({ 'notes.txt': NOTES });
    const client = await fsClient([root], era);
    const result = await client.call('edit_file', {
      path: 'notes.txt',
      edits: [{ oldText: 'one', newText: '1' }],
      dryRun: true,
    });
    expect(client.textOf(result)).toMatch(
      /^Dry run: the 1 edit would change .*notes\.txt as below; nothing was written\.\n\n```diff\n/,
    );
    expect(result.structuredContent).toMatchObject({ applied: false, editsApplied: 1 });
    expect(await fs.readFile(path.join(root, 'notes.txt'), 'utf8')).toBe(NOTES);
    await client.close();
  });
});

describe('edit_file on disk', () => {
  it('keeps CRLF line breaks and a missing final newline', async () => {
    const root = await tempDir({ 'win.txt': 'a\r\nb\r\nc' });
    const client = await fsClient([root]);
    const result = await client.call('edit_file', {
      path: 'win.txt',
      edits: [
        { oldText: 'a\nb', newText: 'x\ny' },
        { oldText: 'c', newText: 'z\n' },
      ],
    });
    expect(await fs.readFile(path.join(root, 'win.txt'), 'utf8')).toBe('x\r\ny\r\nz');
    expect((result.structuredContent as { diff: string }).diff).not.toContain('\r');
    await client.close();
  });

  it('keeps a byte order mark and multi-byte text', async () => {
    const root = await tempDir({ 'bom.txt': '\uFEFFcafé\nnaïve\n' });
    const client = await fsClient([root]);
    await client.call('edit_file', { path: 'bom.txt', edits: [{ oldText: 'naïve', newText: 'naïf' }] });
    expect(await fs.readFile(path.join(root, 'bom.txt'))).toEqual(Buffer.from('\uFEFFcafé\nnaïf\n'));
    await client.close();
  });

  it('reports edits that change nothing without writing', async () => {
    const root = await tempDir({ 'notes.txt': NOTES });
    const client = await fsClient([root]);
    const result = await client.call('edit_file', {
      path: 'notes.txt',
      edits: [{ oldText: 'one', newText: 'one' }],
    });
    expect(client.textOf(result)).toMatch(
      /^No change: after 1 edit, .*notes\.txt is as it was; nothing was written\.$/,
    );
    expect(result.structuredContent).toMatchObject({ diff: '', applied: false });
    await client.close();
  });

  it('lengthens the fence when the diff holds backticks', async () => {
    const root = await tempDir({ 'README.md': '```sh\nls\n```\n' });
    const client = await fsClient([root]);
    const result = await client.call('edit_file', {
      path: 'README.md',
      edits: [{ oldText: 'ls', newText: 'ls -la' }],
    });
    expect(client.textOf(result)).toMatch(/\n````diff\n[\s\S]*\n````$/);
    await client.close();
  });

  it('bounds the diff in structuredContent and lets the budget cut the text', async () => {
    const content = Array.from({ length: 5000 }, (_, i) => `row ${i} of a long file, padded out\n`).join('');
    const root = await tempDir({ 'big.txt': content });
    const client = await fsClient([root]);
    const result = await client.call('edit_file', {
      path: 'big.txt',
      edits: [{ oldText: 'padded', newText: 'PADDED', replaceAll: true }],
    });
    const data = result.structuredContent as { diff: string; diffTruncated: boolean };
    expect(data.diffTruncated).toBe(true);
    expect(data.diff.length).toBeLessThanOrEqual(100_000);
    expect(data.diff.endsWith('\n')).toBe(true);
    expect(client.textOf(result)).toMatch(/\[truncated: \d+ of \d+ characters .* Read the file/);
    expect(await fs.readFile(path.join(root, 'big.txt'), 'utf8')).toBe(
      content.replaceAll('padded', 'PADDED'),
    );
    await client.close();
  });

  it('is listed as destructive', async () => {
    const client = await fsClient([await tempDir()]);
    const { tools } = await client.client.listTools();
    expect(tools.find((t) => t.name === 'edit_file')?.annotations).toMatchObject({
      destructiveHint: true,
      readOnlyHint: false,
    });
    await client.close();
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import type { TestClient } from '@bastion-mcp/runtime/testing';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { fsClient } from './helpers.js';

async function workspace() {
  const base = await tempDir({
    'root/notes.txt': 'x\ny\nx\n',
    'root/docs/keep.txt': 'keep\n',
    'root/.env': 'SECRET=1\n',
    'root-evil/x.txt': 'x\n',
    'outside/secret.txt': 'x\n',
  });
  const root = path.join(base, 'root');
  await fs.symlink(path.join(base, 'outside/secret.txt'), path.join(root, 'out-link.txt'));
  await fs.symlink(path.join(base, 'outside'), path.join(root, 'out-dir'));
  return { base, root, client: await fsClient([root]) };
}

/** Calls edit_file, expects `[kind]`, and checks `file` is byte-identical afterwards. */
async function refused(client: TestClient, file: string, args: Record<string, unknown>, kind: string) {
  const before = await fs.readFile(file);
  const result = await client.call('edit_file', args);
  expect(result.isError).toBe(true);
  const message = client.textOf(result);
  expect(message.startsWith(`[${kind}] `)).toBe(true);
  expect(await fs.readFile(file)).toEqual(before);
  return message;
}

const swap = [{ oldText: 'x', newText: 'z' }];

describe('edit_file refusals leave the file byte-identical', () => {
  it('refuses an ambiguous match, naming the lines and both ways out', async () => {
    const { root, client } = await workspace();
    const message = await refused(
      client,
      path.join(root, 'notes.txt'),
      { path: 'notes.txt', edits: swap },
      'conflict',
    );
    expect(message).toContain('edits[0].oldText matches 2 places (lines 1, 3).');
    expect(message).toMatch(/Fix: .*surrounding lines.*replaceAll: true/);
    await client.close();
  });

  it.each([
    ['text found nowhere', [{ oldText: 'nope', newText: 'z' }], 'not_found'],
    [
      'a later edit failing after a good one',
      [
        { oldText: 'y', newText: 'Y' },
        { oldText: 'nope', newText: '' },
      ],
      'not_found',
    ],
    ['an empty oldText', [{ oldText: '', newText: 'z' }], 'invalid_input'],
    ['replaceAll with no occurrence', [{ oldText: 'q', newText: 'z', replaceAll: true }], 'not_found'],
  ])('refuses %s', async (_name, edits, kind) => {
    const { root, client } = await workspace();
    await refused(client, path.join(root, 'notes.txt'), { path: 'notes.txt', edits }, kind);
    await client.close();
  });

  it('refuses an empty edit list at the schema', async () => {
    const { root, client } = await workspace();
    const result = await client.call('edit_file', { path: 'notes.txt', edits: [] });
    expect(result.isError).toBe(true);
    expect(client.textOf(result)).toMatch(/edits/);
    expect(await fs.readFile(path.join(root, 'notes.txt'), 'utf8')).toBe('x\ny\nx\n');
    await client.close();
  });

  it.each([
    ['binary', Buffer.from('a\0b\n'), 'invalid_input', /looks binary/],
    ['not UTF-8', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'invalid_input', /not valid UTF-8/],
    ['over --max-file-size', Buffer.from('0123456789\n'), 'too_large', /11 bytes, over this server's 8-byte/],
  ])('refuses a %s file', async (_name, bytes, kind, reason) => {
    const root = await tempDir();
    const file = path.join(root, 'f.txt');
    await fs.writeFile(file, bytes);
    const client = await fsClient(['--max-file-size', '8', root]);
    const edits = [{ oldText: 'a', newText: 'z' }];
    expect(await refused(client, file, { path: 'f.txt', edits }, kind)).toMatch(reason);
    await client.close();
  });

  it('refuses a missing file (creating nothing), a dangling link and a directory', async () => {
    const { root, client } = await workspace();
    await fs.symlink(path.join(root, 'gone.txt'), path.join(root, 'dangling.txt'));
    for (const target of ['missing.txt', 'dangling.txt']) {
      const result = await client.call('edit_file', { path: target, edits: swap });
      expect(client.textOf(result)).toMatch(/^\[not_found\] .* does not exist\./);
    }
    await expect(fs.access(path.join(root, 'missing.txt'))).rejects.toThrow();
    await expect(fs.access(path.join(root, 'gone.txt'))).rejects.toThrow();
    const dir = await client.call('edit_file', { path: 'docs', edits: swap });
    expect(client.textOf(dir)).toMatch(/^\[invalid_input\] .*docs is a directory\./);
    await client.close();
  });
});

describe('edit_file containment', () => {
  it.each([
    ['a symlink leading outside', () => 'out-link.txt', 'outside/secret.txt'],
    ['a symlinked folder leading outside', () => 'out-dir/secret.txt', 'outside/secret.txt'],
    ['..', () => '../outside/secret.txt', 'outside/secret.txt'],
    [
      'an absolute outside path',
      (base: string) => path.join(base, 'outside/secret.txt'),
      'outside/secret.txt',
    ],
    ['a sibling sharing the prefix', (base: string) => path.join(base, 'root-evil/x.txt'), 'root-evil/x.txt'],
    ['a denied .env file', () => '.env', 'root/.env'],
  ])('refuses %s', async (_name, target, real) => {
    const { base, client } = await workspace();
    const edits = [{ oldText: real.endsWith('.env') ? 'SECRET' : 'x', newText: 'pwned' }];
    await refused(client, path.join(base, real), { path: target(base), edits }, 'access_denied');
    await client.close();
  });

  it('edits the real file behind a symlink inside the root and leaves the link a link', async () => {
    const { root, client } = await workspace();
    const link = path.join(root, 'keep-link.txt');
    await fs.symlink(path.join(root, 'docs/keep.txt'), link);
    const result = await client.call('edit_file', {
      path: 'keep-link.txt',
      edits: [{ oldText: 'keep', newText: 'kept' }],
    });
    expect(result.structuredContent).toMatchObject({ path: path.join(root, 'docs/keep.txt'), applied: true });
    expect(await fs.readFile(path.join(root, 'docs/keep.txt'), 'utf8')).toBe('kept\n');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readlink(link)).toBe(path.join(root, 'docs/keep.txt'));
    await client.close();
  });
});

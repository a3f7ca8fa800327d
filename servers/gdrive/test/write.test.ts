import type { TestClient } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL, type Setup, setup } from './helpers.js';

let s: Setup;
let c: TestClient;
let confined: TestClient;
beforeAll(async () => {
  s = await setup({ scope: FULL });
  c = await s.open(['--toolsets', 'all']);
  confined = await s.open(['--toolsets', 'all', '--roots', 'fld-projects']);
});
afterAll(() => s.close());

const call = async (client: TestClient, tool: string, args: Record<string, unknown>) => {
  const result = await client.call(tool, args);
  return { result, text: client.textOf(result) };
};
const idIn = (text: string) => /\(id ([\w-]+)\)/.exec(text)?.[1] as string;

describe('write toolset', () => {
  it('is off by default and on with --toolsets write', async () => {
    const plain = await s.open();
    const { tools } = await plain.client.listTools();
    expect(tools.map((t) => t.name)).not.toContain('create_file');
    const all = (await c.client.listTools()).tools;
    expect(all.find((t) => t.name === 'trash_file')?.annotations?.destructiveHint).toBe(true);
    expect(all.find((t) => t.name === 'create_file')?.annotations?.destructiveHint).toBe(false);
  });

  it('create_file uploads through --api-url, converting Markdown to a Doc and CSV to a Sheet', async () => {
    const doc = await call(c, 'create_file', {
      name: 'Notes',
      content: '# Hello\n\nFrom the test.',
      contentType: 'text/markdown',
      convert: true,
      parentId: 'fld-projects',
    });
    expect(doc.text).toMatch(/^Created application\/vnd\.google-apps\.document "Notes"/);
    expect(s.fake.requests.some((r) => r.method === 'POST' && r.path === '/upload/drive/v3/files')).toBe(
      true,
    );
    expect((await call(c, 'read_file', { fileId: idIn(doc.text) })).text).toContain('# Hello');
    const sheet = await call(c, 'create_file', {
      name: 'T',
      content: 'a,b\n1,2',
      contentType: 'text/csv',
      convert: true,
      parentId: 'fld-projects',
    });
    expect((await call(c, 'read_file', { fileId: idIn(sheet.text), range: 'A2:B2' })).text).toContain('1,2');
    const plain = await call(c, 'create_file', { name: 'plain.txt', content: 'just text' });
    expect(plain.text).toMatch(/^Created text\/plain "plain.txt" .* in root/);
    expect((await call(c, 'read_file', { fileId: idIn(plain.text) })).text).toContain('just text');
  });

  it('create_folder, update_file, copy_file, move_file, trash_file', async () => {
    const folder = idIn((await call(c, 'create_folder', { name: 'Box', parentId: 'fld-projects' })).text);
    const file = idIn(
      (await call(c, 'create_file', { name: 'a.txt', content: 'one', parentId: folder })).text,
    );
    const updated = await call(c, 'update_file', { fileId: file, name: 'b.txt', content: 'two' });
    expect(updated.text).toMatch(/^Updated file /);
    expect(s.fake.files.get(file)?.meta.name).toBe('b.txt');
    expect((await call(c, 'read_file', { fileId: file })).text).toContain('two');
    const copy = await call(c, 'copy_file', { fileId: file, name: 'c.txt', parentId: 'fld-archive' });
    expect(copy.text).toMatch(/^Copied .* to a new file \(id [\w-]+\) in fld-archive/);
    const moved = await call(c, 'move_file', {
      fileId: file,
      parentId: 'https://drive.google.com/drive/u/0/folders/fld-archive', // a pasted link
    });
    expect(moved.text).toContain(`from ${folder} to fld-archive`);
    expect(s.fake.files.get(file)?.meta.parents).toEqual(['fld-archive']);
    const trashed = await call(c, 'trash_file', { fileId: file });
    expect(trashed.text).toMatch(/to the trash/);
    expect(s.fake.files.get(file)?.meta.trashed).toBe(true);
    expect(s.fake.requests.some((r) => r.method === 'DELETE' && !r.path.includes('/permissions/'))).toBe(
      false,
    );
  });

  it('writes in a shared drive and replaces a Google Doc from Markdown', async () => {
    const made = await call(c, 'create_file', {
      name: 'spec2.md',
      content: '# Two',
      contentType: 'text/markdown',
      convert: true,
      parentId: 'fld-eng-specs',
    });
    const id = idIn(made.text);
    expect(s.fake.files.get(id)?.meta.driveId).toBe('drv-eng');
    const updated = await call(c, 'update_file', {
      fileId: id,
      content: '# Three\n\nNew text.',
      contentType: 'text/markdown',
    });
    expect(updated.result.isError).toBeFalsy();
    expect((await call(c, 'read_file', { fileId: id })).text).toContain('# Three\n\nNew text.');
    const folder = await call(c, 'create_folder', { name: 'Top', parentId: 'drv-sales' });
    expect(s.fake.files.get(idIn(folder.text))?.meta).toMatchObject({
      driveId: 'drv-sales',
      parents: ['drv-sales'],
    });
  });

  it('rejects bad write input with the field named', async () => {
    expect((await call(c, 'update_file', { fileId: 'doc-plan' })).text).toMatch(
      /^\[invalid_input\] Give name, content or both/,
    );
    expect((await call(c, 'create_folder', { name: '   ' })).result.isError).toBe(true);
    expect((await call(c, 'create_file', { name: 'x', content: 'a', parentId: "' or '" })).text).toMatch(
      /^\[invalid_input\] parentId/,
    );
    expect(
      (
        await call(c, 'create_file', {
          name: 'x',
          content: '{}',
          contentType: 'application/json',
          convert: true,
        })
      ).text,
    ).toMatch(/^\[invalid_input\] convert/);
    expect((await call(c, 'move_file', { fileId: 'doc-private', parentId: 'fld-projects' })).text).toMatch(
      /^\[not_found\]/,
    );
  });
});

describe('writes under --roots', () => {
  it('creates only inside the roots, and needs a destination', async () => {
    expect(
      (await call(confined, 'create_folder', { name: 'In', parentId: 'fld-archive' })).result.isError,
    ).toBeFalsy();
    expect((await call(confined, 'create_folder', { name: 'Out', parentId: 'fld-secret' })).text).toMatch(
      /^\[access_denied\] parentId/,
    );
    expect((await call(confined, 'create_file', { name: 'x', content: 'y' })).text).toMatch(
      /^\[invalid_input\] parentId is required/,
    );
  });

  it('refuses moves out of a root, into a root from outside, and copies out', async () => {
    const file = idIn(
      (await call(confined, 'create_file', { name: 'm.txt', content: 'm', parentId: 'fld-projects' })).text,
    );
    expect((await call(confined, 'move_file', { fileId: file, parentId: 'fld-secret' })).text).toMatch(
      /^\[access_denied\] parentId/,
    );
    expect(
      (await call(confined, 'move_file', { fileId: 'doc-salary', parentId: 'fld-projects' })).text,
    ).toMatch(/^\[access_denied\] fileId/);
    expect((await call(confined, 'copy_file', { fileId: file, parentId: 'root' })).text).toMatch(
      /^\[access_denied\] parentId/,
    );
    expect((await call(confined, 'copy_file', { fileId: 'doc-salary' })).text).toMatch(
      /^\[access_denied\] fileId/,
    );
    expect((await call(confined, 'trash_file', { fileId: 'doc-salary' })).text).toMatch(
      /^\[access_denied\] fileId/,
    );
    // A file that also sits in a folder outside the roots is not moved (that would change the outside folder).
    expect(
      (await call(confined, 'move_file', { fileId: 'doc-two-parents', parentId: 'fld-archive' })).text,
    ).toMatch(/^\[access_denied\] the file also sits in folder fld-secret/);
    expect(s.fake.files.get('doc-salary')?.meta.parents).toEqual(['fld-secret']);
    // A copy of a file with a parent outside the roots lands only in the parents inside.
    const copy = await call(confined, 'copy_file', { fileId: 'doc-two-parents' });
    expect(s.fake.files.get(idIn(copy.text))?.meta.parents).toEqual(['fld-projects']);
    // A root itself has no parent inside the roots: its copy needs a destination.
    expect((await call(confined, 'copy_file', { fileId: 'fld-projects' })).text).toMatch(
      /^\[invalid_input\] parentId is required/,
    );
  });
});

describe('sharing toolset', () => {
  it('shares and removes a permission; never ownership; refused outside the roots', async () => {
    const shared = await call(c, 'share_file', {
      fileId: 'doc-plan',
      type: 'user',
      role: 'reader',
      emailAddress: 'bob@example.com',
    });
    expect(shared.text).toMatch(
      /^Shared file doc-plan with bob@example.com as reader \(permission id ([\w-]+)\)/,
    );
    const permId = /permission id ([\w-]+)/.exec(shared.text)?.[1] as string;
    expect((await call(c, 'get_permissions', { fileId: 'doc-plan' })).text).toContain('bob@example.com');
    expect((await call(c, 'remove_permission', { fileId: 'doc-plan', permissionId: permId })).text).toMatch(
      /^Removed permission/,
    );
    expect((await call(c, 'get_permissions', { fileId: 'doc-plan' })).text).not.toContain('bob@example.com');
    expect(
      (
        await call(c, 'share_file', {
          fileId: 'doc-plan',
          type: 'user',
          role: 'owner',
          emailAddress: 'b@example.com',
        })
      ).result.isError,
    ).toBe(true);
    expect((await call(c, 'share_file', { fileId: 'doc-plan', type: 'user', role: 'reader' })).text).toMatch(
      /emailAddress is required/,
    );
    expect(
      (await call(c, 'remove_permission', { fileId: 'doc-plan', permissionId: '../x' })).result.isError,
    ).toBe(true);
    expect(
      (await call(confined, 'share_file', { fileId: 'doc-salary', type: 'anyone', role: 'reader' })).text,
    ).toMatch(/^\[access_denied\] fileId/);
  });
});

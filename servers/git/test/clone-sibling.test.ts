import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';

describe('git_clone of a folder inside a repository', () => {
  it('clones the repository that was checked, never a sibling <path>.git leading outside', async () => {
    const base = await tempDir();
    const root = path.join(base, 'root');
    const repo = await makeRepo([{ 'inside.txt': 'inside\n' }], path.join(root, 'repo'));
    await fs.mkdir(path.join(repo, 'sub'));
    const secret = await makeRepo([{ 's.txt': 'TOPSECRET\n' }], path.join(base, 'outside', 'secret'));
    git(base, 'clone', '-q', '--bare', secret, path.join(base, 'outside', 'secret.git'));
    await fs.symlink(path.join(base, 'outside', 'secret.git'), path.join(repo, 'sub.git'));
    const client = await gitClient([root]);
    expect(
      client.textOf(
        await client.call('git_clone', { url: path.join(repo, 'sub.git'), path: path.join(root, 'c0') }),
      ),
    ).toMatch(/^\[access_denied\]/);
    const result = await client.call('git_clone', {
      url: path.join(repo, 'sub'),
      path: path.join(root, 'c1'),
    });
    expect(result.isError).toBeFalsy();
    await expect(fs.access(path.join(root, 'c1', 's.txt'))).rejects.toThrow();
    expect(await fs.readFile(path.join(root, 'c1', 'inside.txt'), 'utf8')).toBe('inside\n');
    await client.close();
  });
});

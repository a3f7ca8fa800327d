import { describe, expect, it } from 'vitest';
import { gitClient, makeRepo } from './helpers.js';

describe('which repository a call without repo_path uses', () => {
  it('with no directory configured, says so and how to configure one (not "more than one")', async () => {
    const client = await gitClient([]);
    const result = await client.call('git_status', {});
    expect(result.isError).toBe(true);
    const text = client.textOf(result);
    expect(text).toContain('no directory is configured');
    expect(text).toContain('mcp-server-git ~/code');
    expect(text).not.toMatch(/more than one|none configured/);
  });

  it('with two directories, asks for repo_path and names both', async () => {
    const a = await makeRepo([{ 'a.txt': 'a\n' }]);
    const b = await makeRepo([{ 'b.txt': 'b\n' }]);
    const client = await gitClient([a, b]);
    const text = client.textOf(await client.call('git_status', {}));
    expect(text).toContain('repo_path is required because more than one directory is allowed');
    expect(text).toContain(a);
    expect(text).toContain(b);
  });
});

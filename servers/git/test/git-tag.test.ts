import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';

const rev = (repo: string, ref: string) => git(repo, 'rev-parse', ref).trim();
const tags = (repo: string) => git(repo, 'tag', '--list').trim();

describe.each(['legacy', 'modern'] as const)('git_tag and git_create_tag (%s)', (era) => {
  it('creates lightweight and annotated tags and lists them by version', async () => {
    const repo = await makeRepo([{ 'a.txt': '1\n' }, { 'a.txt': '2\n' }]);
    const client = await gitClient([repo], era);
    const light = await client.call('git_create_tag', { name: 'v1.9.0', revision: 'main~1' });
    expect(light.structuredContent).toEqual({
      name: 'v1.9.0',
      annotated: false,
      target: rev(repo, 'main~1'),
    });
    expect(client.textOf(light)).toMatch(/^Created lightweight tag 'v1\.9\.0' on [0-9a-f]{7} \(main~1\)\.$/);
    const annotated = await client.call('git_create_tag', {
      name: 'v1.10.0',
      message: 'Release 1.10\n\nNotes.',
    });
    expect(annotated.structuredContent).toEqual({
      name: 'v1.10.0',
      annotated: true,
      target: rev(repo, 'HEAD'),
    });
    expect(git(repo, 'cat-file', '-t', 'v1.10.0').trim()).toBe('tag');

    const listed = await client.call('git_tag', {});
    expect(listed.structuredContent).toEqual({
      total: 2,
      tags: [
        {
          name: 'v1.10.0',
          annotated: true,
          target: rev(repo, 'HEAD'),
          date: expect.any(String),
          message: 'Release 1.10',
        },
        { name: 'v1.9.0', annotated: false, target: rev(repo, 'main~1'), date: expect.any(String) },
      ],
    });
    expect(client.textOf(listed)).toMatch(
      /^v1\.10\.0 [0-9a-f]{7} \(annotated\) Release 1\.10\nv1\.9\.0 [0-9a-f]{7}$/,
    );
    const contains = await client.call('git_tag', { contains: 'HEAD' });
    expect((contains.structuredContent as { tags: { name: string }[] }).tags.map((t) => t.name)).toEqual([
      'v1.10.0',
    ]);
    await client.close();
  });
});

describe('tag refusals', () => {
  it('never moves an existing tag and names unknown revisions', async () => {
    const repo = await makeRepo([{ 'a.txt': '1\n' }, { 'a.txt': '2\n' }]);
    git(repo, 'tag', 'v1', 'HEAD~1');
    const client = await gitClient([repo]);
    const exists = await client.call('git_create_tag', { name: 'v1', message: 'again' });
    expect(client.textOf(exists)).toMatch(
      /^\[conflict\] A tag named "v1" already exists; nothing was changed\./,
    );
    expect(rev(repo, 'v1')).toBe(rev(repo, 'HEAD~1'));
    const missing = await client.call('git_create_tag', { name: 'v2', revision: 'nope' });
    expect(client.textOf(missing)).toMatch(/^\[not_found\] revision "nope" does not name a commit/);
    const empty = await client.call('git_create_tag', { name: 'v2', message: '' });
    expect(empty.isError).toBe(true);
    expect(tags(repo)).toBe('v1');
    expect(client.textOf(await client.call('git_tag', { contains: 'nope' }))).toMatch(
      /^\[not_found\] contains "nope"/,
    );
    await client.close();
  });

  it('lists nothing in a repository without tags', async () => {
    const repo = await makeRepo();
    const client = await gitClient([repo]);
    const result = await client.call('git_tag', {});
    expect(result.structuredContent).toEqual({ tags: [], total: 0 });
    expect(client.textOf(result)).toBe('No tags.');
    await client.close();
  });
});

import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitCall } from '../src/lib/git.js';
import { git, gitClient, writeAndCommit } from './helpers.js';
import { expectEmpty, remoteWorld } from './remote-fixtures.js';

describe.each(['legacy', 'modern'] as const)('git_clone (%s)', (era) => {
  it('clones a local bare repository given as file:// into a new folder', async () => {
    const { root, origin } = await remoteWorld();
    const client = await gitClient([root], era);
    const result = await client.call('git_clone', { url: `file://${origin}`, path: 'copies/mine' });
    const target = path.join(root, 'copies', 'mine');
    const head = git(origin, 'rev-parse', 'main').trim();
    expect(result.structuredContent).toEqual({
      path: target,
      url: `file://${origin}`,
      branch: 'main',
      head,
      shallow: false,
    });
    expect(client.textOf(result)).toBe(
      `Cloned file://${origin} into ${target} (branch main at ${head.slice(0, 7)}).`,
    );
    expect(await fs.readFile(path.join(target, 'README.md'), 'utf8')).toBe('# seed\n');
    await client.close();
  });
});

describe('git_clone', () => {
  it('takes a plain path, a branch and a depth; clones an empty repository', async () => {
    const { root, work, origin } = await remoteWorld();
    git(work, 'switch', '-q', '-c', 'feature');
    writeAndCommit(work, { 'a.txt': '1\n' }, 'one');
    writeAndCommit(work, { 'a.txt': '2\n' }, 'two');
    git(work, 'push', '-q', 'origin', 'feature');
    const client = await gitClient([root]);
    const shallow = await client.call('git_clone', {
      url: origin,
      path: 'shallow',
      branch: 'feature',
      depth: 1,
    });
    expect(shallow.structuredContent).toMatchObject({ branch: 'feature', shallow: true });
    expect(git(path.join(root, 'shallow'), 'rev-list', '--count', 'HEAD').trim()).toBe('1');
    git(root, 'init', '-q', '--bare', 'empty.git');
    await fs.mkdir(path.join(root, 'empty-target'));
    const empty = await client.call('git_clone', { url: path.join(root, 'empty.git'), path: 'empty-target' });
    expect(empty.structuredContent).toMatchObject({ head: null });
    expect(client.textOf(empty)).toMatch(/\(an empty repository\)/);
    await client.close();
  });

  it('refuses a target that is not empty, or outside, and a missing branch', async () => {
    const { root, origin, work, canary } = await remoteWorld();
    const client = await gitClient([root]);
    const url = `file://${origin}`;
    expect(client.textOf(await client.call('git_clone', { url, path: work }))).toMatch(
      /^\[conflict\] path .* is a folder that is not empty/,
    );
    for (const target of [path.join(canary, 'x'), `${root}/../canary/x`, `${root}2`]) {
      expect(client.textOf(await client.call('git_clone', { url, path: target }))).toMatch(
        /^\[access_denied\]/,
      );
    }
    expect(client.textOf(await client.call('git_clone', { url, path: 'nb', branch: 'nope' }))).toMatch(
      /^\[not_found\] branch "nope" does not exist/,
    );
    expect(
      client.textOf(await client.call('git_clone', { url, path: 'nb', branch: '--upload-pack=x' })),
    ).toMatch(/^\[invalid_input\] branch/);
    await expectEmpty(canary);
    expect(await fs.readdir(root)).not.toContain('nb');
    await client.close();
  });

  it('refuses sources outside: file://, a plain path, %-encoded .., a symlink, a .git file pointing out', async () => {
    const { root, outside, canary } = await remoteWorld();
    await fs.symlink(outside, path.join(root, 'link.git'));
    await fs.mkdir(path.join(root, 'sneaky'));
    await fs.writeFile(path.join(root, 'sneaky', '.git'), `gitdir: ${outside}\n`);
    const client = await gitClient([root]);
    const rel = path.relative(root, outside);
    for (const url of [
      `file://${outside}`,
      outside,
      `file://${root}/${rel.replace(/\.\./g, '%2e%2e')}`,
      path.join(root, 'link.git'),
      `file://${root}/sneaky`,
    ]) {
      const text = client.textOf(await client.call('git_clone', { url, path: 'stolen' }));
      expect(text, url).toMatch(/^\[access_denied\] url ".*" leads outside the allowed directories/);
    }
    expect(await fs.readdir(root)).not.toContain('stolen');
    await expectEmpty(canary);
    await client.close();
  });

  it('never reads a network URL as a local path (git clone tries paths relative to its cwd first)', async () => {
    const { root, canary } = await remoteWorld();
    // From root, "localhost:/outside.git" would be root/localhost: -> base, i.e. base/outside.git.
    await fs.symlink(path.dirname(root), path.join(root, 'localhost:'));
    const client = await gitClient([root]);
    const result = await client.call('git_clone', { url: 'localhost:/outside.git', path: 'stolen' });
    expect(client.textOf(result)).toMatch(/^\[(upstream|not_found)\]/);
    expect(await fs.readdir(root)).not.toContain('stolen');
    await expectEmpty(canary);
    await client.close();
  });

  it('refuses ext::, fd:: and option-carrying URLs, and git itself refuses ext:: as a second layer', async () => {
    const { root, canary } = await remoteWorld();
    const client = await gitClient([root]);
    const pwned = path.join(canary, 'pwned');
    for (const url of [
      `ext::sh -c touch% ${pwned}`,
      'ext::sh',
      'fd::3',
      `--upload-pack=touch ${pwned}`,
      `file://${root}/origin.git?--upload-pack=touch`,
      'ssh://-oProxyCommand=touch/repo',
      'http://example.com/repo.git',
    ]) {
      expect(client.textOf(await client.call('git_clone', { url, path: 'x' })), url).toMatch(
        /^\[invalid_input\] url ".*" is not allowed: /,
      );
    }
    const call = {
      state: { timeoutMs: 10_000, maxOutputBytes: 1e6, allowForcePush: false },
      signal: new AbortController().signal,
    };
    await expect(
      gitCall(root, call, (g) => g.raw(['clone', '--', `ext::sh -c touch% ${pwned}`, path.join(root, 'x')])),
    ).rejects.toThrow(/transport 'ext' not allowed/);
    await expectEmpty(canary);
    expect(await fs.readdir(root)).not.toContain('x');
    await client.close();
  });
});

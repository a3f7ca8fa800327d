import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { git, gitClient, makeRepo } from './helpers.js';

describe.each(['legacy', 'modern'] as const)('git_init (%s)', (era) => {
  it('creates a repository (and missing folders) with the branch asked for', async () => {
    const root = await tempDir();
    const client = await gitClient([root], era);
    const result = await client.call('git_init', { path: 'projects/app', initial_branch: 'trunk' });
    const target = path.join(root, 'projects', 'app');
    expect(result.structuredContent).toEqual({ path: target, bare: false, branch: 'trunk' });
    expect(client.textOf(result)).toBe(`Initialized an empty repository in ${target} (branch trunk).`);
    expect(git(target, 'rev-parse', '--show-toplevel').trim()).toBe(target);
    expect((await client.call('git_status', { repo_path: target })).structuredContent).toMatchObject({
      branch: 'trunk',
    });
    await client.close();
  });
});

describe('git_init', () => {
  it('creates a bare repository in an existing empty folder', async () => {
    const root = await tempDir();
    await fs.mkdir(path.join(root, 'server.git'));
    const client = await gitClient([root]);
    const result = await client.call('git_init', { path: path.join(root, 'server.git'), bare: true });
    expect(result.structuredContent).toMatchObject({ bare: true });
    expect(git(path.join(root, 'server.git'), 'rev-parse', '--is-bare-repository').trim()).toBe('true');
    await client.close();
  });

  it('refuses a path that already is a repository (work tree or bare) and a file', async () => {
    const root = await tempDir({ 'file.txt': 'x\n' });
    const repo = await makeRepo(undefined, path.join(root, 'repo'));
    git(root, 'init', '-q', '--bare', 'bare.git');
    const head = git(repo, 'rev-parse', 'HEAD');
    const client = await gitClient([root]);
    for (const target of [repo, path.join(root, 'bare.git')]) {
      expect(client.textOf(await client.call('git_init', { path: target }))).toMatch(
        /^\[conflict\] path .* already is a git repository/,
      );
    }
    expect(client.textOf(await client.call('git_init', { path: 'file.txt' }))).toMatch(
      /^\[conflict\] .* is a file/,
    );
    expect(git(repo, 'rev-parse', 'HEAD')).toBe(head);
    await client.close();
  });

  it('refuses targets outside: absolute, .., a sibling prefix, a symlink out, with nothing created', async () => {
    const base = await tempDir();
    const root = path.join(base, 'root');
    const outside = path.join(base, 'outside');
    await fs.mkdir(root);
    await fs.mkdir(outside);
    await fs.symlink(outside, path.join(root, 'link'));
    const client = await gitClient([root]);
    for (const target of [
      path.join(outside, 'new'),
      `${root}/../outside/new`,
      `${root}2/new`,
      path.join(root, 'link', 'new'),
      path.join(root, 'link'),
    ]) {
      expect(client.textOf(await client.call('git_init', { path: target }))).toMatch(/^\[access_denied\]/);
    }
    expect(await fs.readdir(outside)).toEqual([]);
    expect(await fs.readdir(base)).toEqual(['outside', 'root']);
    await client.close();
  });

  it('refuses option-looking and invalid branch names before touching the disk', async () => {
    const root = await tempDir();
    const client = await gitClient([root]);
    for (const name of ['--template=/tmp/evil', '-c', 'has space', 'a..b', 'x.lock']) {
      expect(client.textOf(await client.call('git_init', { path: 'r', initial_branch: name }))).toMatch(
        /^\[invalid_input\] initial_branch ".*" is not a valid branch or tag name/,
      );
    }
    // A path that looks like an option is just a folder name, after "--".
    const odd = await client.call('git_init', { path: '--bare' });
    expect(odd.structuredContent).toMatchObject({ path: path.join(root, '--bare'), bare: false });
    expect(await fs.readdir(root)).toEqual(['--bare']);
    await client.close();
  });
});

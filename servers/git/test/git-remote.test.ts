import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stripCredentials } from '../src/lib/redact.js';
import { git, gitClient, makeRepo } from './helpers.js';

describe.each(['legacy', 'modern'] as const)('git_remote (%s)', (era) => {
  it('lists fetch and push URLs with embedded credentials removed', async () => {
    const repo = await makeRepo();
    git(repo, 'remote', 'add', 'origin', 'https://ada:s3cr3t-token@github.com/ada/demo.git');
    git(
      repo,
      'remote',
      'set-url',
      '--add',
      '--push',
      'origin',
      'ssh://ada:hunter2@git.example.com/ada/demo.git',
    );
    git(repo, 'remote', 'set-url', '--add', '--push', 'origin', 'git@github.com:ada/demo.git');
    git(repo, 'remote', 'add', 'mirror', 'https://ghp_abcdef@example.com/demo.git');
    git(repo, 'remote', 'add', 'upstream', 'gh:org/demo.git');
    git(repo, 'config', 'url.https://x-access-token:tok@github.com/.insteadOf', 'gh:');
    const client = await gitClient([repo], era);
    const result = await client.call('git_remote', {});
    expect(result.structuredContent).toEqual({
      remotes: [
        {
          name: 'mirror',
          fetch_url: 'https://example.com/demo.git',
          push_urls: ['https://example.com/demo.git'],
          credentials_hidden: true,
        },
        {
          name: 'origin',
          fetch_url: 'https://github.com/ada/demo.git',
          push_urls: ['ssh://ada@git.example.com/ada/demo.git', 'git@github.com:ada/demo.git'],
          credentials_hidden: true,
        },
        {
          name: 'upstream',
          fetch_url: 'https://github.com/org/demo.git',
          push_urls: ['https://github.com/org/demo.git'],
          credentials_hidden: true,
        },
      ],
    });
    const text = client.textOf(result);
    expect(text).toContain(
      'origin\thttps://github.com/ada/demo.git (fetch)\norigin\tssh://ada@git.example.com/ada/demo.git (push)',
    );
    expect(text).toMatch(/\(credentials embedded in URLs are hidden\)$/);
    for (const secret of ['s3cr3t', 'hunter2', 'ghp_abcdef', 'tok@', 'x-access-token']) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(result.structuredContent)).not.toContain(secret);
    }
    await client.close();
  });
});

describe('git_remote edge cases', () => {
  it('says when there are no remotes, and copes with a remote named like an option', async () => {
    const repo = await makeRepo();
    const client = await gitClient([repo]);
    expect(client.textOf(await client.call('git_remote', {}))).toBe('No remotes.');
    git(repo, 'config', 'remote.-x.url', '/nowhere/x.git');
    git(repo, 'config', 'remote.--upload-pack=touch pwned.url', '/nowhere/repo.git');
    const odd = await client.call('git_remote', {});
    expect(odd.structuredContent).toEqual({
      remotes: [
        { name: '--upload-pack=touch pwned', fetch_url: null, push_urls: [], credentials_hidden: false },
        { name: '-x', fetch_url: '/nowhere/x.git', push_urls: ['/nowhere/x.git'], credentials_hidden: false },
      ],
    });
    expect(client.textOf(odd)).toBe(
      '--upload-pack=touch pwned\t(no URL)\n-x\t/nowhere/x.git (fetch)\n-x\t/nowhere/x.git (push)',
    );
    await expect(fs.access(path.join(repo, 'pwned'))).rejects.toThrow();
    await client.close();
  });

  it('strips credentials by scheme', () => {
    const table: [string, string][] = [
      ['https://user:pass@host/r.git', 'https://host/r.git'],
      ['http://token@host:8080/r', 'http://host:8080/r'],
      ['https://host/path/with@sign', 'https://host/path/with@sign'],
      ['ssh://git@host/r.git', 'ssh://git@host/r.git'],
      ['ssh://git:pw@host/r.git', 'ssh://git@host/r.git'],
      ['git@github.com:a/b.git', 'git@github.com:a/b.git'],
      ['persistent-https::https://u:p@host/r', 'persistent-https::https://host/r'],
      ['/srv/git/r.git', '/srv/git/r.git'],
    ];
    for (const [input, output] of table) expect(stripCredentials(input).url).toBe(output);
  });
});

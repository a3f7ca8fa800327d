import { connect } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantedScopes, unusableTools } from '../src/lib/scopes.js';
import { defaultSeed, type Fake, startFake } from './fake/index.mjs';
import { githubServer, TOKENS } from './helpers.js';

describe('token scope filtering', () => {
  let fake: Fake;
  beforeAll(async () => {
    fake = await startFake(defaultSeed());
  });
  afterAll(() => fake.close());

  async function listed(token: string, host = fake.origin) {
    const server = githubServer(['--host', host], { GITHUB_PERSONAL_ACCESS_TOKEN: token });
    const client = await connect(server);
    const { tools } = await client.client.listTools();
    await client.close();
    await server.close();
    return tools.map((t) => t.name);
  }

  it('a classic token with repo, read:org and gist hides nothing', async () => {
    expect(await listed(TOKENS.alice)).toHaveLength(40);
  });

  it('public_repo alone hides the tools that need read:org', async () => {
    const names = await listed(TOKENS.mallory);
    expect(names).not.toContain('get_teams');
    expect(names).not.toContain('get_team_members');
    expect(names).not.toContain('list_issue_types');
    expect(names).toContain('push_files');
    expect(names).toHaveLength(37);
  });

  it('a classic token with no scopes keeps only reads that need none', async () => {
    const names = await listed(TOKENS.bare);
    expect(names).not.toContain('push_files');
    expect(names).not.toContain('create_issue');
    expect(names).toContain('issue_read');
    expect(
      names.every(
        (n) =>
          !/^(create|update|merge|delete|push|fork|add_|sub_issue_write|issue_write|pull_request_review_write)/.test(
            n,
          ),
      ),
    ).toBe(true);
  });

  it('a fine-grained token (no X-OAuth-Scopes) hides nothing', async () => {
    expect(await listed(TOKENS.fine)).toHaveLength(40);
  });

  it('an unreachable host hides nothing, and tools/list still answers', async () => {
    const closed = await startFake(defaultSeed());
    const origin = closed.origin;
    await closed.close();
    expect(await listed(TOKENS.alice, origin)).toHaveLength(40);
  });

  it('a host that accepts but never answers delays nothing but tools/list, by at most the short wait', async () => {
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = net.createServer((socket) => {
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as import('node:net').AddressInfo;
    try {
      expect(await listed(TOKENS.mallory, `http://127.0.0.1:${port}`)).toHaveLength(40);
      expect(sockets.length).toBe(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('scope arithmetic: broader scopes imply narrower ones', () => {
    expect([...grantedScopes('repo')].sort()).toContain('public_repo');
    expect(grantedScopes('admin:org').has('read:org')).toBe(true);
    const tools = [
      { name: 'get_teams', kind: 'read' },
      { name: 'push_files', kind: 'write' },
      { name: 'get_me', kind: 'read' },
    ];
    expect([...unusableTools(tools, grantedScopes('write:org')).keys()]).toEqual(['push_files']);
    expect([...unusableTools(tools, grantedScopes('public_repo')).keys()]).toEqual(['get_teams']);
  });
});

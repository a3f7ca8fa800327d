import { describe, expect, it } from 'vitest';
import { session, useSession } from './helpers.js';

// github-mcp-server's inputs carried over (see the README's "Differences" paragraph).
describe("github-mcp-server's methods and fields against the fake", () => {
  const h = useSession();
  const api = { owner: 'acme', repo: 'api' };

  it('issue_read get_parent names the parent of a sub-issue, and says when there is none', async () => {
    const add = await h.s.call('sub_issue_write', {
      method: 'add',
      ...api,
      issue_number: 1,
      sub_issue_owner: 'acme',
      sub_issue_repo: 'api',
      sub_issue_number: 2,
    });
    expect(add.isError).toBe(false);
    const { text, isError, result } = await h.s.call('issue_read', {
      method: 'get_parent',
      ...api,
      issue_number: 2,
    });
    expect(isError).toBe(false);
    expect(text).toMatch(/^Parent of acme\/api#2: #1 Crash on start \[open\] in acme\/api/);
    expect(result.structuredContent).toMatchObject({ number: 1, title: 'Crash on start' });
    const none = await h.s.call('issue_read', { method: 'get_parent', ...api, issue_number: 1 });
    expect(none.isError).toBe(true);
    expect(none.text).toMatch(/parent of acme\/api#1 \(none if it is not a sub-issue\)/);
  });
});

describe('get_parent under --repos', () => {
  it('withholds a parent in a repository outside the list', async () => {
    const s = await session(['--repos', 'acme/web']);
    try {
      const web1 = s.fake.state.repo('acme', 'web').issues[0];
      s.fake.state.repo('acme', 'api').issues[0].subIssues.push(web1.id);
      const { text, result, isError } = await s.call('issue_read', {
        method: 'get_parent',
        owner: 'acme',
        repo: 'web',
        issue_number: 1,
      });
      expect(isError).toBe(false);
      expect(text).toMatch(/outside --repos; it is not shown/);
      expect(text).not.toMatch(/Crash/);
      expect(result.structuredContent).toEqual({ withheld: true });
      const refused = await s.call('issue_read', {
        method: 'get_parent',
        owner: 'acme',
        repo: 'api',
        issue_number: 2,
      });
      expect(refused.text).toMatch(/acme\/api is outside/);
      expect(s.fake.requests.map((r) => r.repo).filter((r) => r && r !== 'acme/web')).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

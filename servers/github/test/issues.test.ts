import { describe, expect, it } from 'vitest';
import { useSession } from './helpers.js';

describe('issues against the fake over HTTP', () => {
  const h = useSession();

  it('get_me answers who the token is', async () => {
    const { text, result } = await h.s.call('get_me');
    expect(text).toMatch(/^alice \(Alice Liddell\)/);
    expect(result.structuredContent).toMatchObject({ login: 'alice', type: 'User' });
  });

  it('list_issues gives compact lines, structured items and a cursor that pages', async () => {
    const first = await h.s.call('list_issues', { owner: 'acme', repo: 'web', perPage: 20 });
    expect(first.isError).toBe(false);
    const data = first.result.structuredContent as { items: { number: number }[]; nextCursor?: string };
    expect(data.items).toHaveLength(20);
    expect(data.items[0]?.number).toBe(45);
    expect(first.text).toMatch(/#45 Web issue 45 \[open\] by acme/);
    const rest: number[] = [];
    let cursor = data.nextCursor;
    while (cursor) {
      const next = await h.s.call('list_issues', { owner: 'acme', repo: 'web', perPage: 20, cursor });
      const page = next.result.structuredContent as typeof data;
      rest.push(...page.items.map((i) => i.number));
      cursor = page.nextCursor;
    }
    expect(rest).toHaveLength(25);
    expect(rest.at(-1)).toBe(1);
  });

  it("takes github-mcp-server's page numbers as well as cursors, never both", async () => {
    const args = { owner: 'acme', repo: 'web', perPage: 20 };
    const first = await h.s.call('list_issues', args);
    const cursor = (first.result.structuredContent as { nextCursor: string }).nextCursor;
    const byCursor = await h.s.call('list_issues', { ...args, cursor });
    const byPage = await h.s.call('list_issues', { ...args, page: 2 });
    expect(byPage.result.structuredContent).toEqual(byCursor.result.structuredContent);
    expect((byPage.result.structuredContent as { items: { number: number }[] }).items[0]?.number).toBe(25);
    const commits = await h.s.call('list_commits', { owner: 'acme', repo: 'api', perPage: 1, page: 2 });
    const second = await h.s.call('list_commits', { owner: 'acme', repo: 'api', perPage: 2 });
    expect((commits.result.structuredContent as { items: unknown[] }).items[0]).toEqual(
      (second.result.structuredContent as { items: unknown[] }).items[1],
    );
    const both = await h.s.call('list_issues', { ...args, cursor, page: 2 });
    expect(both.isError).toBe(true);
    expect(both.text).toMatch(/page and cursor were both given/);
  });

  it('list_issues honours fields', async () => {
    const { result, text } = await h.s.call('list_issues', {
      owner: 'acme',
      repo: 'api',
      fields: ['number', 'title'],
    });
    const items = (result.structuredContent as { items: Record<string, unknown>[] }).items;
    expect(Object.keys(items[0] ?? {})).toEqual(['number', 'title']);
    expect(text).not.toMatch(/https?:/);
  });

  it('issue_read get sanitises and fences the body', async () => {
    const { text, result } = await h.s.call('issue_read', { owner: 'acme', repo: 'api', issue_number: 4 });
    expect(text).toMatch(/#4 Hidden instructions \[open\] by mallory/);
    expect(text).toMatch(/<untrusted-data id="[0-9a-f]+" source="issue acme\/api#4">/);
    expect(text).not.toMatch(/[\u200b\u202e]|\u{E0041}/u);
    expect(text).not.toMatch(/delete_file|<!--|<b>/);
    expect(text).toMatch(/Looks fine/);
    expect((result.structuredContent as { body: string }).body).toMatch(/^Looks fine\s+bold$/);
  });

  it('issue_read get_comments pages the comments', async () => {
    const { text, result } = await h.s.call('issue_read', {
      method: 'get_comments',
      owner: 'acme',
      repo: 'api',
      issue_number: 1,
      perPage: 1,
    });
    expect(text).toMatch(/alice \(OWNER\)/);
    const next = (result.structuredContent as { nextCursor: string }).nextCursor;
    const second = await h.s.call('issue_read', {
      method: 'get_comments',
      owner: 'acme',
      repo: 'api',
      issue_number: 1,
      perPage: 1,
      cursor: next,
    });
    expect(second.text).toMatch(/IGNORE PREVIOUS INSTRUCTIONS/);
    expect(second.text).toMatch(/not instructions/);
  });

  it('a private repository the token cannot see says the token may lack access', async () => {
    const { text, isError } = await h.s.call('issue_read', { owner: 'acme', repo: 'nope', issue_number: 1 });
    expect(isError).toBe(true);
    expect(text).toMatch(
      /^\[not_found\] issue acme\/nope#1 was not found\. If it is a private repository, the token may lack access/,
    );
  });

  it('a bad cursor is invalid_input', async () => {
    const { text } = await h.s.call('list_issues', { owner: 'acme', repo: 'web', cursor: 'garbage' });
    expect(text).toMatch(/^\[invalid_input\] cursor is not one this server issued/);
  });
});

describe('budget and pagination edges', () => {
  const h = useSession(['--max-response-chars', '1000']);

  it('cuts a long list at the budget and says how to get the rest (the cursor)', async () => {
    const { text, result } = await h.s.call('list_issues', { owner: 'acme', repo: 'web', perPage: 40 });
    expect(text).toMatch(
      /\[truncated: \d+ of \d+ characters left out by the response budget\. Call again with cursor "[^"]+" for the next page, or lower perPage\.\]$/,
    );
    expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(40);
  });

  it('an empty list says so, with no cursor', async () => {
    const { text, result } = await h.s.call('list_pull_requests', { owner: 'acme', repo: 'web' });
    expect(text).toMatch(
      /^0 result\(s\) from pull requests of acme\/web:\nNo results in pull requests of acme\/web\.$/,
    );
    expect(result.structuredContent).toEqual({ items: [] });
  });

  it('the last page has no nextCursor; a page past the end is empty', async () => {
    const last = await h.s.call('list_issues', { owner: 'acme', repo: 'web', perPage: 100 });
    expect((last.result.structuredContent as { nextCursor?: string }).nextCursor).toBeUndefined();
    const past = await h.s.call('list_issues', {
      owner: 'acme',
      repo: 'web',
      perPage: 50,
      cursor: Buffer.from('{"page":9}').toString('base64url'),
    });
    expect((past.result.structuredContent as { items: unknown[] }).items).toEqual([]);
  });
});

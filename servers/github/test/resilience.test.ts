import { describe, expect, it } from 'vitest';
import { session, TOKENS, useSession } from './helpers.js';

describe('rate limits, 5xx and auth failures', () => {
  const h = useSession();
  const count = (path: RegExp) => h.s.fake.requests.filter((r) => path.test(r.path)).length;

  it('sits out a short secondary limit (retry-after) and succeeds', async () => {
    const before = count(/\/repos\/acme\/api\/issues$/);
    h.s.fake.fail({
      path: /^\/repos\/acme\/api\/issues$/,
      status: 403,
      headers: { 'retry-after': '1' },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
    });
    const { isError, text } = await h.s.call('list_issues', { owner: 'acme', repo: 'api' });
    expect(isError, text).toBe(false);
    expect(count(/\/repos\/acme\/api\/issues$/) - before).toBe(2);
  });

  it('sits out a short primary limit (x-ratelimit-reset) and succeeds', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    h.s.fake.fail({
      path: /^\/user$/,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded for user ID 1.' },
    });
    const { isError, text } = await h.s.call('get_me');
    expect(isError, text).toBe(false);
  });

  it('gives up on a long primary limit with a clear isError saying when to retry', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    h.s.fake.fail({
      path: /^\/user$/,
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded for user ID 1.' },
    });
    const { isError, text } = await h.s.call('get_me');
    expect(isError).toBe(true);
    expect(text).toMatch(
      /^\[upstream\] GitHub's rate limit is exhausted \(API rate limit exceeded for user ID 1\.\); it resets at /,
    );
    expect(text).toContain(new Date(reset * 1000).toISOString());
    expect(text).toMatch(/Fix: Retry after /);
  });

  it('gives up on a long secondary limit (429) the same way', async () => {
    h.s.fake.fail({
      path: /^\/search\/issues/,
      status: 429,
      headers: { 'retry-after': '600' },
      body: { message: 'You have exceeded a secondary rate limit.' },
      times: 3,
    });
    const { isError, text } = await h.s.call('search_issues', { query: 'crash' });
    expect(isError).toBe(true);
    expect(text).toMatch(/rate limit is exhausted .* \(in (599|600) s\)/);
  });

  it('retries a 502 and succeeds on the next try', async () => {
    const before = count(/\/repos\/acme\/api\/branches$/);
    h.s.fake.fail({ path: /^\/repos\/acme\/api\/branches$/, status: 502, body: { message: 'Server Error' } });
    const { isError } = await h.s.call('list_branches', { owner: 'acme', repo: 'api' });
    expect(isError).toBe(false);
    expect(count(/\/repos\/acme\/api\/branches$/) - before).toBe(2);
  });

  it('bounds 5xx retries, then says GitHub failed', async () => {
    const before = count(/\/repos\/acme\/api\/tags$/);
    h.s.fake.fail({
      path: /^\/repos\/acme\/api\/tags$/,
      status: 500,
      body: { message: 'Server Error' },
      times: 10,
    });
    const { isError, text } = await h.s.call('list_tags', { owner: 'acme', repo: 'api' });
    expect(isError).toBe(true);
    expect(text).toMatch(/^\[upstream\] GitHub failed \(500\) for tags of acme\/api after retries/);
    expect(count(/\/repos\/acme\/api\/tags$/) - before).toBe(3);
  });

  it('a 404 on a private repository the token cannot see says the token may lack access', async () => {
    const other = await session([], { token: TOKENS.mallory, fake: h.s.fake });
    const { isError, text } = await other.call('get_file_contents', {
      owner: 'acme',
      repo: 'secret',
      path: 'keys.txt',
    });
    await other.close();
    expect(isError).toBe(true);
    expect(text).toMatch(
      /acme\/secret\/keys\.txt was not found\. If it is a private repository, the token may lack access/,
    );
  });

  it('a write without permission is access_denied, not a crash', async () => {
    const other = await session([], { token: TOKENS.mallory, fake: h.s.fake });
    const { isError, text } = await other.call('issue_write', {
      method: 'update',
      owner: 'acme',
      repo: 'api',
      issue_number: 1,
      title: 'pwned',
    });
    await other.close();
    expect(isError).toBe(true);
    expect(text).toMatch(/^\[access_denied\] GitHub refused access to issue acme\/api#1/);
  });

  it('a bad token is reported without echoing it, in errors or anywhere', async () => {
    const token = 'ghp_wrongTOKEN0123456789abcdefghijklmn';
    const other = await session([], { token, fake: h.s.fake });
    const { isError, text } = await other.call('get_me');
    await other.close();
    expect(isError).toBe(true);
    expect(text).toMatch(/^\[access_denied\] GitHub rejected the token \(Bad credentials\)/);
    expect(text).not.toContain(token);
  });

  it('a token echoed back by GitHub in a message is redacted', async () => {
    h.s.fake.fail({
      path: /^\/repos\/acme\/api\/releases$/,
      status: 422,
      body: { message: `token ${TOKENS.alice} is weird` },
    });
    const { text } = await h.s.call('list_releases', { owner: 'acme', repo: 'api' });
    expect(text).toMatch(/token \[redacted\] is weird/);
    expect(text).not.toContain(TOKENS.alice);
  });
});

describe('cancellation', () => {
  const h = useSession();
  it('a cancelled tool call aborts its request to GitHub', async () => {
    const fault = h.s.fake.fail({ path: /^\/repos\/acme\/api\/tags$/, hang: true });
    const controller = new AbortController();
    const pending = h.s.client.client.callTool(
      { name: 'list_tags', arguments: { owner: 'acme', repo: 'api' } },
      { signal: controller.signal },
    );
    while (!fault.seen) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(pending).rejects.toThrow();
    while (!fault.closed) await new Promise((r) => setTimeout(r, 10));
    expect(fault.closed).toBe(true);
  });
});

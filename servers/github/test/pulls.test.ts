import { describe, expect, it } from 'vitest';
import { useSession } from './helpers.js';

describe('pull request tools', () => {
  const h = useSession();
  const api = { owner: 'acme', repo: 'api' };

  it('pull_request_read get shows the header and the fenced body', async () => {
    const { text, result } = await h.s.call('pull_request_read', { ...api, pullNumber: 5 });
    expect(text).toMatch(/^#5 Add feature \[open\] by bob: acme:develop -> main, 2 files \+4 -1/);
    expect(text).toMatch(/<untrusted-data[^>]*>\nAdds the feature\n/);
    expect(result.structuredContent).toMatchObject({ number: 5, changed_files: 2, mergeable: true });
  });

  it("GitHub answers 406 for a 320-file PR's diff; get_diff pages it by file instead", async () => {
    const octokit = await (await import('@octokit/rest')).Octokit;
    const direct = new octokit({
      baseUrl: `${h.s.fake.origin}/api/v3`,
      auth: 'ghp_aliceTOKEN0123456789abcdefghijklmnop',
    });
    await expect(
      direct.rest.pulls.get({ ...api, pull_number: 6, mediaType: { format: 'diff' } }),
    ).rejects.toMatchObject({ status: 406 });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { result, text } = await h.s.call('pull_request_read', {
        method: 'get_diff',
        ...api,
        pullNumber: 6,
        perPage: 100,
        ...(cursor ? { cursor } : {}),
      });
      const data = result.structuredContent as {
        items: { filename: string; patch: string }[];
        nextCursor?: string;
      };
      seen.push(...data.items.map((f) => f.filename));
      expect(text).toMatch(/^diff --git a\/src\/gen\/file\d+\.ts/m);
      cursor = data.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(320);
    expect(new Set(seen).size).toBe(320);
  });

  it('get_files lists changes without patches', async () => {
    const { text } = await h.s.call('pull_request_read', { method: 'get_files', ...api, pullNumber: 5 });
    expect(text).toMatch(/added src\/feature\.ts \+3 -0/);
    expect(text).not.toMatch(/@@/);
  });

  it('get_status and get_check_runs read the head commit', async () => {
    const status = await h.s.call('pull_request_read', { method: 'get_status', ...api, pullNumber: 5 });
    expect(status.text).toMatch(/success ci\/build: Build passed/);
    const checks = await h.s.call('pull_request_read', { method: 'get_check_runs', ...api, pullNumber: 5 });
    expect(checks.text).toMatch(/failure test/);
  });

  it('a pending review: create, comment, submit', async () => {
    const started = await h.s.call('pull_request_review_write', { method: 'create', ...api, pullNumber: 5 });
    expect(started.text).toMatch(/^Started a pending review on #5/);
    const noLine = await h.s.call('add_comment_to_pending_review', {
      ...api,
      pullNumber: 5,
      path: 'src/feature.ts',
      body: 'x',
    });
    expect(noLine.text).toMatch(/^\[invalid_input\] line is required/);
    const commented = await h.s.call('add_comment_to_pending_review', {
      ...api,
      pullNumber: 5,
      path: 'src/feature.ts',
      body: 'Nit here',
      line: 1,
    });
    expect(commented.isError, commented.text).toBe(false);
    const noEvent = await h.s.call('pull_request_review_write', {
      method: 'submit_pending',
      ...api,
      pullNumber: 5,
    });
    expect(noEvent.text).toMatch(/^\[invalid_input\] event is required/);
    const submitted = await h.s.call('pull_request_review_write', {
      method: 'submit_pending',
      ...api,
      pullNumber: 5,
      event: 'REQUEST_CHANGES',
      body: 'Please fix',
    });
    expect(submitted.text).toMatch(/CHANGES_REQUESTED/);
    const none = await h.s.call('pull_request_review_write', {
      method: 'delete_pending',
      ...api,
      pullNumber: 5,
    });
    expect(none.text).toMatch(/^\[not_found\] you have no pending review/);
    const comments = await h.s.call('pull_request_read', {
      method: 'get_review_comments',
      ...api,
      pullNumber: 5,
    });
    expect(comments.text).toMatch(/Nit here/);
  });

  it('create, update and merge a pull request; writes answer {id, number, url}', async () => {
    await h.s.call('create_branch', { ...api, branch: 'pr-1' });
    const created = await h.s.call('create_pull_request', {
      ...api,
      title: 'New',
      head: 'pr-1',
      base: 'main',
    });
    const data = created.result.structuredContent as { id: number; number: number; url: string };
    expect(Object.keys(data).sort()).toEqual(['id', 'number', 'url']);
    const bad = await h.s.call('update_pull_request', { ...api, pullNumber: data.number });
    expect(bad.text).toMatch(/^\[invalid_input\] nothing to change/);
    const merged = await h.s.call('merge_pull_request', { ...api, pullNumber: data.number });
    expect(merged.text).toMatch(/^Merged #\d+/);
    const again = await h.s.call('merge_pull_request', { ...api, pullNumber: data.number });
    expect(again.isError).toBe(true);
    const listed = await h.s.call('list_pull_requests', { ...api, state: 'closed' });
    expect(listed.text).toMatch(/New \[merged\]/);
  });
});

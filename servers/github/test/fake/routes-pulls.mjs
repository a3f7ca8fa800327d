// The fake's routes for pull requests, files, reviews, review comments, merges, statuses and check runs.

import {
  branchSha,
  findPull,
  NOT_FOUND,
  pullJson,
  repoOf,
  reviewComment,
  route,
  sendPaged,
  userOrOwner,
} from './common.mjs';
import * as S from './shapes.mjs';
import { newId } from './state.mjs';

export const pullsRoutes = [
  route('GET', '/repos/{owner}/{repo}/pulls', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const state = ctx.query.get('state') ?? 'open';
    const list = r.repo.pulls.filter((p) => state === 'all' || p.state === state);
    sendPaged(
      ctx,
      list.map((p) => pullJson(ctx, r, p, false)),
    );
  }),
  route('POST', '/repos/{owner}/{repo}/pulls', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const { title, head, base, body, draft } = ctx.body;
    const [headOwner, headRef] = String(head).includes(':') ? String(head).split(':') : [r.owner.login, head];
    // GitHub finds owner:branch in that owner's repository of the base's fork network, whatever its name.
    const headRepo =
      headOwner.toLowerCase() === r.owner.login.toLowerCase() ? r.repo : ctx.state.forkIn(r.repo, headOwner);
    const headSha = headRepo?.branches.get(headRef);
    if (!title || !headSha || !r.repo.branches.has(base))
      return ctx.send(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'PullRequest', code: 'invalid', field: headSha ? 'base' : 'head' }],
        status: '422',
      });
    const p = {
      id: newId(),
      number: r.repo.nextNumber++,
      state: 'open',
      title,
      body: body ?? null,
      author: ctx.user.login,
      head: headRef,
      headSha,
      base,
      baseSha: r.repo.branches.get(base),
      files: [],
      reviews: [],
      reviewComments: [],
      draft: Boolean(draft),
    };
    r.repo.pulls.push(p);
    ctx.send(201, pullJson(ctx, r, p, true));
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', (ctx) => {
    const r = repoOf(ctx);
    const p = r && findPull(ctx, r);
    if (!p) return;
    if (/diff/.test(ctx.accept)) {
      if (p.files.length > 300)
        return ctx.send(406, {
          message:
            "Sorry, the diff exceeded the maximum number of files (300). Consider using 'List pull requests files' API or locally cloning the repository instead.",
          errors: [{ resource: 'PullRequest', field: 'diff', code: 'too_large' }],
          documentation_url: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests-files',
          status: '406',
        });
      return ctx.send(
        200,
        p.files.map((f) => `diff --git a/${f.filename} b/${f.filename}\n${f.patch ?? ''}\n`).join(''),
      );
    }
    ctx.send(200, pullJson(ctx, r, p, true));
  }),
  route('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const p = r && findPull(ctx, r);
    if (!p) return;
    for (const k of ['title', 'body', 'state', 'base']) if (ctx.body[k] !== undefined) p[k] = ctx.body[k];
    ctx.send(200, pullJson(ctx, r, p, true));
  }),
  route('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const p = r && findPull(ctx, r);
    if (!p) return;
    const users = ctx.body.reviewers ?? [];
    // GitHub: 422 unless every reviewer can see the repository.
    if (users.some((u) => !ctx.state.user(u) || !ctx.state.canSee(r.repo, u)))
      return ctx.send(422, {
        message: 'Reviews may only be requested from collaborators.',
        documentation_url: 'https://docs.github.com/rest',
        status: '422',
      });
    p.requestedReviewers = [...new Set([...(p.requestedReviewers ?? []), ...users])];
    p.requestedTeams = [...new Set([...(p.requestedTeams ?? []), ...(ctx.body.team_reviewers ?? [])])];
    ctx.send(201, pullJson(ctx, r, p, false));
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files', (ctx) => {
    const r = repoOf(ctx);
    const p = r && findPull(ctx, r);
    if (!p) return;
    sendPaged(
      ctx,
      p.files.map((f) => S.diffEntry(ctx.web, r.full, r.repoUrl, f, p.headSha)),
    );
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/commits', (ctx) => {
    const r = repoOf(ctx);
    const p = r && findPull(ctx, r);
    if (!p) return;
    const c = r.repo.commits.get(p.headSha) ?? [...r.repo.commits.values()].pop();
    ctx.send(200, [S.commitShape(ctx.api, ctx.web, r.full, r.repoUrl, c, ctx.state.user(c.author))]);
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', (ctx) => {
    const r = repoOf(ctx);
    const p = r && findPull(ctx, r);
    if (!p) return;
    sendPaged(
      ctx,
      p.reviews.map((x) =>
        S.review(ctx.api, ctx.web, r.full, r.repoUrl, p.number, x, userOrOwner(ctx, x.author)),
      ),
    );
  }),
  route('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', (ctx) => {
    const r = repoOf(ctx);
    const p = r && findPull(ctx, r);
    if (!p) return;
    const event = ctx.body.event;
    if (event === 'REQUEST_CHANGES' && !ctx.body.body)
      return ctx.send(422, {
        message: 'Unprocessable Entity',
        errors: ['Review body is required for REQUEST_CHANGES'],
        status: '422',
      });
    const state =
      { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' }[event] ?? 'PENDING';
    const x = {
      id: newId(),
      body: ctx.body.body ?? '',
      state,
      author: ctx.user.login,
      commitId: ctx.body.commit_id ?? p.headSha,
    };
    p.reviews.push(x);
    ctx.send(200, S.review(ctx.api, ctx.web, r.full, r.repoUrl, p.number, x, ctx.user));
  }),
  route('PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const p = r && findPull(ctx, r);
    if (!p) return;
    if (p.state !== 'open' || p.merged)
      return ctx.send(405, { message: 'Pull Request is not mergeable', status: '405' });
    if (ctx.body.sha && ctx.body.sha !== p.headSha)
      return ctx.send(409, {
        message: 'Head branch was modified. Review and try the merge again.',
        status: '409',
      });
    p.merged = true;
    p.state = 'closed';
    p.mergeSha = S.sha1(`merge${p.id}`);
    ctx.send(200, { sha: p.mergeSha, merged: true, message: 'Pull Request successfully merged' });
  }),
  route('PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/update-branch', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const p = r && findPull(ctx, r);
    if (!p) return;
    ctx.send(202, { message: 'Updating pull request branch.', url: `${ctx.web}/${r.full}/pull/${p.number}` });
  }),
  route('GET', '/repos/{owner}/{repo}/commits/{ref}/status', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const sha = branchSha(r, ctx.params.ref) ?? ctx.params.ref;
    const statuses = (r.repo.statuses ?? []).map((st, i) => ({
      url: `${r.repoUrl}/statuses/${sha}`,
      avatar_url: null,
      id: i + 1,
      node_id: S.nodeId('ST', i),
      state: st.state,
      description: st.description ?? null,
      target_url: null,
      context: st.context,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    }));
    const state = statuses.some((x) => x.state === 'failure')
      ? 'failure'
      : statuses.length
        ? 'success'
        : 'pending';
    ctx.send(200, {
      state,
      statuses,
      sha,
      total_count: statuses.length,
      repository: S.minimalRepo(ctx.api, ctx.web, r.repo, r.owner),
      commit_url: `${r.repoUrl}/commits/${sha}`,
      url: `${r.repoUrl}/commits/${sha}/status`,
    });
  }),
  route('GET', '/repos/{owner}/{repo}/commits/{ref}/check-runs', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const sha = branchSha(r, ctx.params.ref) ?? ctx.params.ref;
    const runs = (r.repo.checks ?? []).map((c, i) => ({
      id: i + 1,
      head_sha: sha,
      node_id: S.nodeId('CR', i),
      external_id: null,
      url: `${r.repoUrl}/check-runs/${i + 1}`,
      html_url: `${ctx.web}/${r.full}/runs/${i + 1}`,
      details_url: null,
      status: 'completed',
      conclusion: c.conclusion,
      started_at: '2026-01-01T00:00:00Z',
      completed_at: '2026-01-01T00:00:00Z',
      output: {
        title: null,
        summary: null,
        text: null,
        annotations_count: 0,
        annotations_url: `${r.repoUrl}/check-runs/${i + 1}/annotations`,
      },
      name: c.name,
      check_suite: { id: 1 },
      app: null,
      pull_requests: [],
    }));
    ctx.send(200, { total_count: runs.length, check_runs: runs });
  }),
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/comments', (ctx) => {
    const r = repoOf(ctx);
    const p = r && findPull(ctx, r);
    if (!p) return;
    sendPaged(
      ctx,
      p.reviewComments.map((c) => reviewComment(ctx, r, p, c)),
    );
  }),
  route('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies', (ctx) => {
    const r = repoOf(ctx);
    const p = r && findPull(ctx, r);
    if (!p) return;
    const parent = p.reviewComments.find((c) => c.id === Number(ctx.params.comment_id));
    if (!parent) return ctx.send(404, NOT_FOUND);
    const c = {
      id: newId(),
      body: ctx.body.body,
      author: ctx.user.login,
      path: parent.path,
      line: parent.line,
      inReplyTo: parent.id,
    };
    p.reviewComments.push(c);
    ctx.send(201, reviewComment(ctx, r, p, c));
  }),
  route('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events', (ctx) => {
    const r = repoOf(ctx);
    const p = r && findPull(ctx, r);
    if (!p) return;
    const x = p.reviews.find((v) => v.id === Number(ctx.params.review_id) && v.state === 'PENDING');
    if (!x) return ctx.send(404, NOT_FOUND);
    x.state = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' }[
      ctx.body.event
    ];
    if (ctx.body.body) x.body = ctx.body.body;
    ctx.send(200, S.review(ctx.api, ctx.web, r.full, r.repoUrl, p.number, x, ctx.user));
  }),
  route('DELETE', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}', (ctx) => {
    const r = repoOf(ctx);
    const p = r && findPull(ctx, r);
    if (!p) return;
    const x = p.reviews.find((v) => v.id === Number(ctx.params.review_id));
    if (x?.state !== 'PENDING')
      return ctx.send(422, { message: 'Can not delete a non-pending pull request review', status: '422' });
    p.reviews = p.reviews.filter((v) => v !== x);
    ctx.send(200, S.review(ctx.api, ctx.web, r.full, r.repoUrl, p.number, x, ctx.user));
  }),
];

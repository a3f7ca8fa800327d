// The fake's routes for issues, comments, sub-issues, labels on issues, issue types.

import {
  findIssue,
  issueJson,
  locateIssue,
  NOT_FOUND,
  repoOf,
  route,
  sendPaged,
  userOrOwner,
} from './common.mjs';
import * as S from './shapes.mjs';
import { newId } from './state.mjs';

export const issuesRoutes = [
  route('GET', '/repos/{owner}/{repo}/issues', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const state = ctx.query.get('state') ?? 'open';
    const labels = ctx.query.get('labels')?.split(',').filter(Boolean) ?? [];
    const since = ctx.query.get('since');
    const list = r.repo.issues.filter(
      (i) =>
        (state === 'all' || i.state === state) &&
        labels.every((l) => i.labels.includes(l)) &&
        (!since || Date.parse(i.updatedAt ?? i.createdAt ?? S.T0) >= Date.parse(since)),
    );
    // sort=created keeps the seed's (creation) order; ties keep it too, as the sort is stable.
    const key = {
      updated: (i) => Date.parse(i.updatedAt ?? i.createdAt ?? S.T0),
      comments: (i) => i.comments.length,
    }[ctx.query.get('sort') ?? 'created'];
    if (key) list.sort((a, b) => key(a) - key(b));
    if (ctx.query.get('direction') !== 'asc') list.reverse();
    sendPaged(
      ctx,
      list.map((i) => issueJson(ctx, r, i)),
    );
  }),
  route('POST', '/repos/{owner}/{repo}/issues', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    if (!ctx.body.title)
      return ctx.send(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
        status: '422',
      });
    const i = {
      id: newId(),
      number: r.repo.nextNumber++,
      state: 'open',
      title: ctx.body.title,
      body: ctx.body.body ?? null,
      author: ctx.user.login,
      labels: ctx.body.labels ?? [],
      comments: [],
      subIssues: [],
    };
    r.repo.issues.push(i);
    ctx.send(201, issueJson(ctx, r, i));
  }),
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}', (ctx) => {
    const r = repoOf(ctx);
    const i = r && findIssue(ctx, r);
    if (i) ctx.send(200, issueJson(ctx, r, i));
  }),
  route('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const i = r && findIssue(ctx, r);
    if (!i) return;
    if (ctx.body.duplicate_issue_id !== undefined) {
      if (!locateIssue(ctx, ctx.body.duplicate_issue_id))
        return ctx.send(422, {
          message: 'Validation Failed',
          errors: [{ resource: 'Issue', field: 'duplicate_issue_id', code: 'invalid' }],
          status: '422',
        });
      i.duplicateOf = ctx.body.duplicate_issue_id;
    }
    for (const k of ['title', 'body', 'state', 'labels']) if (ctx.body[k] !== undefined) i[k] = ctx.body[k];
    if (ctx.body.state_reason !== undefined) i.stateReason = ctx.body.state_reason;
    ctx.send(200, issueJson(ctx, r, i));
  }),
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (ctx) => {
    const r = repoOf(ctx);
    const i =
      r &&
      (findIssue(ctx, r, true) ?? r.repo.pulls.find((p) => p.number === Number(ctx.params.issue_number)));
    if (!i) return r && ctx.send(404, NOT_FOUND);
    i.comments ??= [];
    sendPaged(
      ctx,
      i.comments.map((c) =>
        S.comment(ctx.api, ctx.web, r.full, r.repoUrl, i.number, c, userOrOwner(ctx, c.author)),
      ),
    );
  }),
  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', (ctx) => {
    const r = repoOf(ctx);
    const i =
      r &&
      (findIssue(ctx, r, true) ?? r.repo.pulls.find((p) => p.number === Number(ctx.params.issue_number)));
    if (!i) return r && ctx.send(404, NOT_FOUND);
    if (!ctx.body.body)
      return ctx.send(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }],
        status: '422',
      });
    const c = { id: newId(), body: ctx.body.body, author: ctx.user.login };
    if (!i.comments) i.comments = [];
    i.comments.push(c);
    ctx.send(201, S.comment(ctx.api, ctx.web, r.full, r.repoUrl, i.number, c, ctx.user));
  }),
  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/reactions', (ctx) => {
    const r = repoOf(ctx);
    const i =
      r &&
      (findIssue(ctx, r, true) ?? r.repo.pulls.find((p) => p.number === Number(ctx.params.issue_number)));
    if (!i) return r && ctx.send(404, NOT_FOUND);
    react(ctx, i);
  }),
  route('POST', '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const id = Number(ctx.params.comment_id);
    const c = [...r.repo.issues, ...r.repo.pulls].flatMap((i) => i.comments ?? []).find((x) => x.id === id);
    if (!c) return ctx.send(404, NOT_FOUND);
    react(ctx, c);
  }),
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues', (ctx) => {
    const r = repoOf(ctx);
    const i = r && findIssue(ctx, r);
    if (!i) return;
    const subs = i.subIssues.map((id) => locateIssue(ctx, id)).filter(Boolean);
    sendPaged(
      ctx,
      subs.map(([sr, s]) => issueJson(ctx, sr, s)),
    );
  }),
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/parent', (ctx) => {
    const r = repoOf(ctx);
    const i = r && findIssue(ctx, r);
    if (!i) return;
    // GitHub answers 404 for an issue that is no sub-issue (or whose parent the user cannot see).
    for (const repo of ctx.state.repos.values()) {
      const parent = repo.issues.find((p) => p.subIssues.includes(i.id));
      const found = parent && locateIssue(ctx, parent.id);
      if (found) return ctx.send(200, issueJson(ctx, found[0], found[1]));
    }
    ctx.send(404, NOT_FOUND);
  }),
  route('POST', '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const i = r && findIssue(ctx, r);
    if (!i) return;
    if (!locateIssue(ctx, ctx.body.sub_issue_id))
      return ctx.send(422, {
        message: 'Validation Failed',
        errors: [{ field: 'sub_issue_id', code: 'invalid' }],
        status: '422',
      });
    if (!i.subIssues.includes(ctx.body.sub_issue_id)) i.subIssues.push(ctx.body.sub_issue_id);
    ctx.send(201, issueJson(ctx, r, i));
  }),
  route('DELETE', '/repos/{owner}/{repo}/issues/{issue_number}/sub_issue', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const i = r && findIssue(ctx, r);
    if (!i) return;
    if (!i.subIssues.includes(ctx.body.sub_issue_id)) return ctx.send(404, NOT_FOUND);
    i.subIssues = i.subIssues.filter((id) => id !== ctx.body.sub_issue_id);
    ctx.send(200, issueJson(ctx, r, i));
  }),
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/labels', (ctx) => {
    const r = repoOf(ctx);
    const i = r && findIssue(ctx, r);
    if (!i) return;
    const all = i.labels.map((n) =>
      S.label(r.repoUrl, r.repo.labels.find((l) => l.name === n) ?? { id: 1, name: n }),
    );
    sendPaged(ctx, all);
  }),
  route('PATCH', '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const i = r && findIssue(ctx, r);
    if (!i) return;
    const id = ctx.body.sub_issue_id;
    if (!i.subIssues.includes(id)) return ctx.send(404, NOT_FOUND);
    const rest = i.subIssues.filter((x) => x !== id);
    const at = ctx.body.after_id
      ? rest.indexOf(ctx.body.after_id) + 1
      : Math.max(rest.indexOf(ctx.body.before_id), 0);
    rest.splice(at, 0, id);
    i.subIssues = rest;
    ctx.send(200, issueJson(ctx, r, i));
  }),
  route('GET', '/orgs/{org}/issue-types', (ctx) => {
    const org = ctx.state.user(ctx.params.org);
    if (org?.type !== 'Organization') return ctx.send(404, NOT_FOUND);
    ctx.send(
      200,
      (org.issueTypes ?? []).map((t, i) => ({
        id: i + 1,
        node_id: S.nodeId('IT', i),
        name: t.name,
        description: t.description ?? null,
        color: 'blue',
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
        is_enabled: true,
      })),
    );
  }),
];

const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

/** Adds the caller's reaction to an issue or comment (GitHub answers 200 when it was already there). */
function react(ctx, target) {
  const content = ctx.body.content;
  if (!REACTIONS.includes(content))
    return ctx.send(422, {
      message: 'Validation Failed',
      errors: [{ resource: 'Reaction', code: 'invalid', field: 'content' }],
      status: '422',
    });
  target.reactions ??= [];
  const old = target.reactions.find((x) => x.content === content && x.user === ctx.user.login);
  if (old) return ctx.send(200, S.reaction(ctx.api, ctx.web, old, ctx.user));
  const x = { id: newId(), content, user: ctx.user.login };
  target.reactions.push(x);
  ctx.send(201, S.reaction(ctx.api, ctx.web, x, ctx.user));
}

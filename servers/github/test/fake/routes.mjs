// The fake's REST routes, each under GitHub's OpenAPI path template.

import { extraRoutes } from './routes-extra.mjs';
import * as S from './shapes.mjs';
import { commit, newId } from './state.mjs';

const NOT_FOUND = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };

/** The repository of a request, or a 404/403 already sent (GitHub hides private repos as 404). */
function repoOf(ctx, { write = false } = {}) {
  const repo = ctx.state.repo(ctx.params.owner, ctx.params.repo);
  if (!repo || !ctx.state.canSee(repo, ctx.user.login)) {
    ctx.send(404, NOT_FOUND);
    return undefined;
  }
  if (write && !ctx.state.canWrite(repo, ctx.user.login)) {
    if (repo.private) ctx.send(404, NOT_FOUND);
    else ctx.send(403, { message: 'Resource not accessible by personal access token', status: '403' });
    return undefined;
  }
  const owner = ctx.state.user(repo.owner);
  const full = `${owner.login}/${repo.name}`;
  const repoUrl = `${ctx.api}/repos/${full}`;
  const json = S.fullRepo(ctx.api, ctx.web, repo, owner);
  return { repo, owner, full, repoUrl, json };
}

/** GitHub's page/per_page with a Link header. */
function paged(ctx, items) {
  const perPage = Math.min(Number(ctx.query.get('per_page') ?? 30) || 30, 100);
  const page = Math.max(Number(ctx.query.get('page') ?? 1) || 1, 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (p, rel) => {
    const params = new URLSearchParams(ctx.query);
    params.set('page', String(p));
    return `<${ctx.api}${ctx.path}?${params}>; rel="${rel}"`;
  };
  const parts = [];
  if (page < last) parts.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) parts.push(link(1, 'first'), link(page - 1, 'prev'));
  return { slice, headers: parts.length ? { link: parts.join(', ') } : {} };
}

const branchSha = (r, ref) =>
  r.repo.branches.get(ref) ?? (r.repo.commits.has(ref) ? ref : r.repo.tags.find((t) => t.name === ref)?.sha);

const userJson = (ctx, login) => S.simpleUser(ctx.api, ctx.web, ctx.state.user(login) ?? { login, id: 1 });
const issueJson = (ctx, r, i) =>
  S.issue(
    ctx.api,
    ctx.web,
    r.full,
    i,
    ctx.state.user(i.author),
    r.repoUrl,
    i.labels.map((n) => S.label(r.repoUrl, r.repo.labels.find((l) => l.name === n) ?? { id: 1, name: n })),
  );
const pullJson = (ctx, r, p, detailed) =>
  S.pullShape(ctx.api, ctx.web, r.full, r.repoUrl, r.json, p, ctx.state.user(p.author), detailed);

function route(method, template, handle) {
  return { method, template, handle };
}

function searchTerms(q) {
  const quals = [];
  const words = [];
  for (const t of q.match(/"[^"]*"|\S+/g) ?? []) {
    const m = /^(-?)(\w+):(.+)$/.exec(t);
    if (m)
      quals.push({ neg: m[1] === '-', key: m[2].toLowerCase(), value: m[3].replace(/"/g, '').toLowerCase() });
    else words.push(t.replace(/"/g, '').toLowerCase());
  }
  return { quals, words };
}

/** Repositories a search may return: visible to the user and inside its repo:/user:/org: scope. */
function searchRepos(ctx, quals) {
  const scopes = quals.filter((q) => !q.neg && ['repo', 'user', 'org'].includes(q.key));
  return [...ctx.state.repos.values()].filter((repo) => {
    if (!ctx.state.canSee(repo, ctx.user.login)) return false;
    const full = `${repo.owner}/${repo.name}`.toLowerCase();
    if (!scopes.length) return true;
    return scopes.some((q) => (q.key === 'repo' ? q.value === full : q.value === repo.owner.toLowerCase()));
  });
}

function searchResult(ctx, items, extra = {}) {
  const { slice, headers } = paged(ctx, items);
  ctx.send(200, { total_count: items.length, incomplete_results: false, items: slice, ...extra }, headers);
}

function filesOf(r, ref) {
  const sha = branchSha(r, ref ?? r.repo.defaultBranch);
  return sha ? { sha, files: r.repo.commits.get(sha).files } : undefined;
}

export const routes = [
  route('GET', '/user', (ctx) => ctx.send(200, S.privateUser(ctx.api, ctx.web, ctx.user))),
  route('GET', '/user/teams', (ctx) => {
    const teams = ctx.state.teams.filter((t) => t.members.includes(ctx.user.login));
    ctx.send(
      200,
      teams.map((t) => ({
        id: t.id ?? 7,
        node_id: S.nodeId('T', t.slug),
        url: `${ctx.api}/orgs/${t.org}/teams/${t.slug}`,
        html_url: `${ctx.web}/orgs/${t.org}/teams/${t.slug}`,
        name: t.name,
        slug: t.slug,
        description: null,
        privacy: 'closed',
        notification_setting: 'notifications_enabled',
        permission: 'pull',
        members_url: `${ctx.api}/teams/7/members{/member}`,
        repositories_url: `${ctx.api}/teams/7/repos`,
        parent: null,
        members_count: t.members.length,
        repos_count: 0,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
        organization: orgJson(ctx, t.org),
        type: 'organization',
      })),
    );
  }),
  route('GET', '/orgs/{org}/teams/{team_slug}/members', (ctx) => {
    const team = ctx.state.teams.find((t) => t.org === ctx.params.org && t.slug === ctx.params.team_slug);
    if (!team) return ctx.send(404, NOT_FOUND);
    const { slice, headers } = paged(
      ctx,
      team.members.map((m) => userJson(ctx, m)),
    );
    ctx.send(200, slice, headers);
  }),
  route('GET', '/repos/{owner}/{repo}', (ctx) => {
    const r = repoOf(ctx);
    if (r) ctx.send(200, S.fullRepo(ctx.api, ctx.web, r.repo, r.owner, permissionsOf(ctx, r.repo)));
  }),
  route('GET', '/repos/{owner}/{repo}/collaborators/{username}/permission', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const user = ctx.state.user(ctx.params.username);
    if (!user) return ctx.send(404, NOT_FOUND);
    const permission = ctx.state.permission(r.repo, user.login);
    const perms = {
      admin: permission === 'admin',
      maintain: permission === 'admin',
      push: ['admin', 'write'].includes(permission),
      triage: permission !== 'none',
      pull: permission !== 'none',
    };
    ctx.send(200, {
      permission,
      role_name: permission,
      user: { ...S.simpleUser(ctx.api, ctx.web, user), permissions: perms, role_name: permission },
    });
  }),
  route('GET', '/repos/{owner}/{repo}/contents/{path}', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const ref = ctx.query.get('ref') ?? r.repo.defaultBranch;
    const snap = filesOf(r, ref);
    if (!snap) return ctx.send(404, { message: `No commit found for the ref ${ref}`, status: '404' });
    const path = ctx.params.path.replace(/^\/+|\/+$/g, '');
    const content = snap.files.get(path);
    if (content !== undefined)
      return ctx.send(200, S.contentFile(ctx.web, r.full, r.repoUrl, path, content, ref));
    return listDir(ctx, r, snap.files, path, ref);
  }),
  route('PUT', '/repos/{owner}/{repo}/contents/{path}', (ctx) => {
    const r = repoOf(ctx, { write: true });
    if (!r) return;
    const { message, content, sha, branch = r.repo.defaultBranch } = ctx.body;
    if (typeof message !== 'string' || typeof content !== 'string')
      return ctx.send(422, {
        message: 'Invalid request.\n\n"message", "content" wasn\'t supplied.',
        status: '422',
      });
    const head = r.repo.branches.get(branch);
    if (!head) return ctx.send(404, { message: `Branch ${branch} not found`, status: '404' });
    const files = new Map(r.repo.commits.get(head).files);
    const path = ctx.params.path;
    const existing = files.get(path);
    if (existing !== undefined) {
      const current = S.contentFile(ctx.web, r.full, r.repoUrl, path, existing, branch).sha;
      if (sha !== current)
        return ctx.send(409, { message: `${path} does not match ${sha ?? '(no sha given)'}`, status: '409' });
    } else if (sha) return ctx.send(422, { message: "sha wasn't supplied correctly", status: '422' });
    files.set(path, Buffer.from(content, 'base64').toString('utf8'));
    const next = commit(r.repo, files, message, ctx.user.login, [head]);
    r.repo.branches.set(branch, next);
    ctx.send(existing === undefined ? 201 : 200, {
      content: S.contentFile(ctx.web, r.full, r.repoUrl, path, files.get(path), branch),
      commit: fileCommit(ctx, r, next),
    });
  }),
  route('DELETE', '/repos/{owner}/{repo}/contents/{path}', (ctx) => {
    const r = repoOf(ctx, { write: true });
    if (!r) return;
    const { message, sha, branch = r.repo.defaultBranch } = ctx.body;
    const head = r.repo.branches.get(branch);
    const files = head && new Map(r.repo.commits.get(head).files);
    const path = ctx.params.path;
    if (!files?.has(path)) return ctx.send(404, NOT_FOUND);
    if (S.contentFile(ctx.web, r.full, r.repoUrl, path, files.get(path), branch).sha !== sha)
      return ctx.send(409, { message: `${path} does not match ${sha}`, status: '409' });
    files.delete(path);
    const next = commit(r.repo, files, message, ctx.user.login, [head]);
    r.repo.branches.set(branch, next);
    ctx.send(200, { content: null, commit: fileCommit(ctx, r, next) });
  }),
  route('GET', '/repos/{owner}/{repo}/branches', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const all = [...r.repo.branches].map(([name, sha]) => ({
      name,
      commit: { sha, url: `${r.repoUrl}/commits/${sha}` },
      protected: false,
    }));
    const { slice, headers } = paged(ctx, all);
    ctx.send(200, slice, headers);
  }),
  route('GET', '/repos/{owner}/{repo}/git/ref/{ref}', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const ref = ctx.params.ref;
    if (ref.startsWith('tags/')) {
      const tag = r.repo.tags.find((t) => t.name === ref.slice(5));
      if (!tag) return ctx.send(404, NOT_FOUND);
      return ctx.send(200, {
        ...S.gitRef(r.repoUrl, tag.name, tag.sha),
        ref: `refs/tags/${tag.name}`,
        url: `${r.repoUrl}/git/refs/tags/${tag.name}`,
      });
    }
    const name = ref.replace(/^heads\//, '');
    const sha = r.repo.branches.get(name);
    if (!sha) return ctx.send(404, NOT_FOUND);
    ctx.send(200, S.gitRef(r.repoUrl, name, sha));
  }),
  route('POST', '/repos/{owner}/{repo}/git/refs', (ctx) => {
    const r = repoOf(ctx, { write: true });
    if (!r) return;
    const { ref, sha } = ctx.body;
    const name = String(ref ?? '').replace(/^refs\/heads\//, '');
    if (!String(ref).startsWith('refs/') || !r.repo.commits.has(sha))
      return ctx.send(422, { message: 'Reference update failed', status: '422' });
    if (r.repo.branches.has(name))
      return ctx.send(422, { message: 'Reference already exists', status: '422' });
    r.repo.branches.set(name, sha);
    ctx.send(201, S.gitRef(r.repoUrl, name, sha));
  }),
  route('PATCH', '/repos/{owner}/{repo}/git/refs/{ref}', (ctx) => {
    const r = repoOf(ctx, { write: true });
    if (!r) return;
    const name = ctx.params.ref.replace(/^heads\//, '');
    if (!r.repo.branches.has(name) || !r.repo.commits.has(ctx.body.sha))
      return ctx.send(422, { message: 'Reference does not exist', status: '422' });
    r.repo.branches.set(name, ctx.body.sha);
    ctx.send(200, S.gitRef(r.repoUrl, name, ctx.body.sha));
  }),
  route('GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const c = r.repo.commits.get(ctx.params.commit_sha);
    if (!c) return ctx.send(404, NOT_FOUND);
    ctx.send(200, S.gitCommit(ctx.web, r.full, r.repoUrl, c));
  }),
  route('POST', '/repos/{owner}/{repo}/git/trees', (ctx) => {
    const r = repoOf(ctx, { write: true });
    if (!r) return;
    const base = r.repo.trees.get(ctx.body.base_tree) ?? new Map();
    const files = new Map(base);
    for (const entry of ctx.body.tree ?? []) {
      if (entry.content === undefined)
        return ctx.send(422, { message: 'tree.content is required by this fake', status: '422' });
      files.set(entry.path, entry.content);
    }
    const sha = S.sha1(JSON.stringify([...files.entries()].sort()));
    r.repo.trees.set(sha, files);
    ctx.send(201, {
      sha,
      url: `${r.repoUrl}/git/trees/${sha}`,
      truncated: false,
      tree: [...files.keys()].map((p) => ({
        path: p,
        mode: '100644',
        type: 'blob',
        sha: S.sha1(p),
        size: files.get(p).length,
        url: `${r.repoUrl}/git/blobs/${S.sha1(p)}`,
      })),
    });
  }),
  route('POST', '/repos/{owner}/{repo}/git/commits', (ctx) => {
    const r = repoOf(ctx, { write: true });
    if (!r) return;
    const files = r.repo.trees.get(ctx.body.tree);
    if (!files) return ctx.send(422, { message: 'Tree SHA does not exist', status: '422' });
    const sha = commit(r.repo, files, ctx.body.message, ctx.user.login, ctx.body.parents ?? []);
    ctx.send(201, S.gitCommit(ctx.web, r.full, r.repoUrl, r.repo.commits.get(sha)));
  }),
  route('GET', '/repos/{owner}/{repo}/commits', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const start = branchSha(r, ctx.query.get('sha') ?? r.repo.defaultBranch);
    if (!start) return ctx.send(404, { message: 'No commit found for SHA', status: '404' });
    const chain = [];
    for (let c = r.repo.commits.get(start); c; c = r.repo.commits.get(c.parents[0])) chain.push(c);
    const author = ctx.query.get('author');
    const list = chain.filter((c) => !author || c.author.toLowerCase() === author.toLowerCase());
    const { slice, headers } = paged(
      ctx,
      list.map((c) => S.commitShape(ctx.api, ctx.web, r.full, r.repoUrl, c, ctx.state.user(c.author))),
    );
    ctx.send(200, slice, headers);
  }),
  route('GET', '/repos/{owner}/{repo}/commits/{ref}', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const sha = branchSha(r, ctx.params.ref);
    const c = sha && r.repo.commits.get(sha);
    if (!c) return ctx.send(422, { message: `No commit found for SHA: ${ctx.params.ref}`, status: '422' });
    const parent = r.repo.commits.get(c.parents[0]);
    const files = [...c.files]
      .filter(([p, v]) => parent?.files.get(p) !== v)
      .map(([p, v]) =>
        S.diffEntry(
          ctx.web,
          r.full,
          r.repoUrl,
          {
            filename: p,
            additions: v.split('\n').length,
            deletions: 0,
            status: parent?.files.has(p) ? 'modified' : 'added',
            patch: `@@ -0,0 +1 @@\n+${v.split('\n')[0]}`,
          },
          c.sha,
        ),
      );
    const additions = files.reduce((n, f) => n + f.additions, 0);
    ctx.send(200, {
      ...S.commitShape(ctx.api, ctx.web, r.full, r.repoUrl, c, ctx.state.user(c.author)),
      stats: { additions, deletions: 0, total: additions },
      files,
    });
  }),
  route('GET', '/repos/{owner}/{repo}/tags', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const { slice, headers } = paged(
      ctx,
      r.repo.tags.map((t) => S.tagShape(r.repoUrl, t)),
    );
    ctx.send(200, slice, headers);
  }),
  route('GET', '/repos/{owner}/{repo}/releases', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const { slice, headers } = paged(
      ctx,
      r.repo.releases.map((x) =>
        S.release(ctx.api, ctx.web, r.full, r.repoUrl, x, userOrOwner(ctx, x.author)),
      ),
    );
    ctx.send(200, slice, headers);
  }),
  route('GET', '/repos/{owner}/{repo}/releases/latest', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const x = r.repo.releases.find((rel) => !rel.prerelease);
    if (!x) return ctx.send(404, NOT_FOUND);
    ctx.send(200, S.release(ctx.api, ctx.web, r.full, r.repoUrl, x, userOrOwner(ctx, x.author)));
  }),
  route('GET', '/repos/{owner}/{repo}/releases/tags/{tag}', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const x = r.repo.releases.find((rel) => rel.tag === ctx.params.tag);
    if (!x) return ctx.send(404, NOT_FOUND);
    ctx.send(200, S.release(ctx.api, ctx.web, r.full, r.repoUrl, x, userOrOwner(ctx, x.author)));
  }),
  route('POST', '/repos/{owner}/{repo}/forks', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const owner = ctx.body.organization ?? ctx.user.login;
    const name = ctx.body.name ?? r.repo.name;
    const fork =
      ctx.state.repo(owner, name) ??
      ctx.state.addRepo({ owner, name, fork: true, files: Object.fromEntries(filesOf(r).files) });
    ctx.send(202, S.fullRepo(ctx.api, ctx.web, fork, ctx.state.user(owner) ?? ctx.user));
  }),
  route('POST', '/user/repos', (ctx) => createRepo(ctx, ctx.user.login)),
  route('POST', '/orgs/{org}/repos', (ctx) => createRepo(ctx, ctx.params.org)),
  route('GET', '/repos/{owner}/{repo}/labels/{name}', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const l = r.repo.labels.find((x) => x.name.toLowerCase() === ctx.params.name.toLowerCase());
    if (!l) return ctx.send(404, NOT_FOUND);
    ctx.send(200, S.label(r.repoUrl, l));
  }),
  route('GET', '/repos/{owner}/{repo}/issues', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const state = ctx.query.get('state') ?? 'open';
    const labels = ctx.query.get('labels')?.split(',').filter(Boolean) ?? [];
    const list = r.repo.issues.filter(
      (i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)),
    );
    if (ctx.query.get('direction') !== 'asc') list.reverse();
    const { slice, headers } = paged(
      ctx,
      list.map((i) => issueJson(ctx, r, i)),
    );
    ctx.send(200, slice, headers);
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
    const { slice, headers } = paged(
      ctx,
      i.comments.map((c) =>
        S.comment(ctx.api, ctx.web, r.full, r.repoUrl, i.number, c, userOrOwner(ctx, c.author)),
      ),
    );
    ctx.send(200, slice, headers);
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
  route('GET', '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues', (ctx) => {
    const r = repoOf(ctx);
    const i = r && findIssue(ctx, r);
    if (!i) return;
    const subs = i.subIssues.map((id) => locateIssue(ctx, id)).filter(Boolean);
    const { slice, headers } = paged(
      ctx,
      subs.map(([sr, s]) => issueJson(ctx, sr, s)),
    );
    ctx.send(200, slice, headers);
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
    const { slice, headers } = paged(ctx, all);
    ctx.send(200, slice, headers);
  }),
  route('GET', '/repos/{owner}/{repo}/pulls', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const state = ctx.query.get('state') ?? 'open';
    const list = r.repo.pulls.filter((p) => state === 'all' || p.state === state);
    const { slice, headers } = paged(
      ctx,
      list.map((p) => pullJson(ctx, r, p, false)),
    );
    ctx.send(200, slice, headers);
  }),
  route('POST', '/repos/{owner}/{repo}/pulls', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const { title, head, base, body, draft } = ctx.body;
    const [headOwner, headRef] = String(head).includes(':') ? String(head).split(':') : [r.owner.login, head];
    const headRepo =
      ctx.state.repo(headOwner, r.repo.name) ??
      (headOwner.toLowerCase() === r.owner.login.toLowerCase() ? r.repo : undefined);
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
  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files', (ctx) => {
    const r = repoOf(ctx);
    const p = r && findPull(ctx, r);
    if (!p) return;
    const { slice, headers } = paged(
      ctx,
      p.files.map((f) => S.diffEntry(ctx.web, r.full, r.repoUrl, f, p.headSha)),
    );
    ctx.send(200, slice, headers);
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
    const { slice, headers } = paged(
      ctx,
      p.reviews.map((x) =>
        S.review(ctx.api, ctx.web, r.full, r.repoUrl, p.number, x, userOrOwner(ctx, x.author)),
      ),
    );
    ctx.send(200, slice, headers);
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
  route('GET', '/repos/{owner}/{repo}/actions/runs', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const { slice, headers } = paged(
      ctx,
      r.repo.runs.map((run) => runJson(ctx, r, run)),
    );
    ctx.send(200, { total_count: r.repo.runs.length, workflow_runs: slice }, headers);
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
    const { slice, headers } = paged(
      ctx,
      p.reviewComments.map((c) => reviewComment(ctx, r, p, c)),
    );
    ctx.send(200, slice, headers);
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
  route('GET', '/repos/{owner}/{repo}/actions/workflows', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    const { slice, headers } = paged(
      ctx,
      r.repo.workflows.map((w) => workflowJson(ctx, r, w)),
    );
    ctx.send(200, { total_count: r.repo.workflows.length, workflows: slice }, headers);
  }),
  route('GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}', (ctx) => {
    const r = repoOf(ctx);
    const w = r && findWorkflow(r, ctx.params.workflow_id);
    if (!w) return r && ctx.send(404, NOT_FOUND);
    ctx.send(200, workflowJson(ctx, r, w));
  }),
  route('GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', (ctx) => {
    const r = repoOf(ctx);
    const w = r && findWorkflow(r, ctx.params.workflow_id);
    if (!w) return r && ctx.send(404, NOT_FOUND);
    const runs = r.repo.runs.filter((run) => run.name === w.name);
    const { slice, headers } = paged(
      ctx,
      runs.map((run) => runJson(ctx, r, run)),
    );
    ctx.send(200, { total_count: runs.length, workflow_runs: slice }, headers);
  }),
  route('POST', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const w = r && findWorkflow(r, ctx.params.workflow_id);
    if (!w) return r && ctx.send(404, NOT_FOUND);
    if (!ctx.body.ref)
      return ctx.send(422, { message: 'Invalid request. "ref" wasn\'t supplied.', status: '422' });
    r.repo.runs.unshift({ id: newId(), name: w.name, status: 'queued', conclusion: null, jobs: [] });
    ctx.send(204);
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}', (ctx) => {
    const r = repoOf(ctx);
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    ctx.send(200, runJson(ctx, r, run));
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs', (ctx) => {
    const r = repoOf(ctx);
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    const { slice, headers } = paged(
      ctx,
      run.jobs.map((j) => jobJson(ctx, r, run, j)),
    );
    ctx.send(200, { total_count: run.jobs.length, jobs: slice }, headers);
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', (ctx) => {
    const r = repoOf(ctx);
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    ctx.send(200, { total_count: 0, artifacts: [] });
  }),
  route('GET', '/repos/{owner}/{repo}/actions/jobs/{job_id}', (ctx) => {
    const r = repoOf(ctx);
    const found = r && findJob(r, ctx.params.job_id);
    if (!found) return r && ctx.send(404, NOT_FOUND);
    ctx.send(200, jobJson(ctx, r, found[0], found[1]));
  }),
  route('GET', '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs', (ctx) => {
    const r = repoOf(ctx);
    const found = r && findJob(r, ctx.params.job_id);
    if (!found) return r && ctx.send(404, NOT_FOUND);
    ctx.send(302, undefined, { location: `${ctx.web}/_logs/${r.full}/${found[1].id}` });
  }),
  route('POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/rerun', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    run.status = 'queued';
    ctx.send(201, {});
  }),
  route('POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    run.status = 'queued';
    ctx.send(201, {});
  }),
  route('POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/cancel', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    if (run.status === 'completed' || run.status === undefined)
      return ctx.send(409, { message: 'Cannot cancel a workflow run that is completed.', status: '409' });
    run.status = 'completed';
    run.conclusion = 'cancelled';
    ctx.send(202, {});
  }),
  route('GET', '/search/issues', (ctx) => {
    const { quals, words } = searchTerms(ctx.query.get('q') ?? '');
    const wantPr =
      quals.some((q) => q.key === 'is' && ['pr', 'pull-request'].includes(q.value)) ||
      quals.some((q) => q.key === 'type' && q.value === 'pr');
    const state = quals.find(
      (q) => q.key === 'state' || (q.key === 'is' && ['open', 'closed'].includes(q.value)),
    )?.value;
    const items = [];
    for (const repo of searchRepos(ctx, quals)) {
      const r = { ...repoOf({ ...ctx, params: { owner: repo.owner, repo: repo.name }, send: () => {} }) };
      const pool = wantPr
        ? repo.pulls.map((p) => ({ ...p, labels: [], comments: [], pull: true }))
        : repo.issues;
      for (const i of pool) {
        const text = `${i.title} ${i.body ?? ''}`.toLowerCase();
        if (state && i.state !== state) continue;
        if (words.every((w) => text.includes(w))) items.push({ ...issueJson(ctx, r, i), score: 1 });
      }
    }
    searchResult(ctx, items, { search_type: 'lexical' });
  }),
  route('GET', '/search/repositories', (ctx) => {
    const { quals, words } = searchTerms(ctx.query.get('q') ?? '');
    const items = searchRepos(ctx, quals)
      .filter((repo) =>
        words.every((w) => `${repo.name} ${repo.description ?? ''}`.toLowerCase().includes(w)),
      )
      .map((repo) => ({ ...S.fullRepo(ctx.api, ctx.web, repo, ctx.state.user(repo.owner)), score: 1 }));
    searchResult(ctx, items);
  }),
  route('GET', '/search/code', (ctx) => {
    const { quals, words } = searchTerms(ctx.query.get('q') ?? '');
    const items = [];
    for (const repo of searchRepos(ctx, quals)) {
      const owner = ctx.state.user(repo.owner);
      const files = repo.commits.get(repo.branches.get(repo.defaultBranch)).files;
      for (const [p, content] of files) {
        if (!words.every((w) => content.toLowerCase().includes(w) || p.toLowerCase().includes(w))) continue;
        const full = `${owner.login}/${repo.name}`;
        items.push({
          name: p.split('/').pop(),
          path: p,
          sha: S.sha1(content),
          url: `${ctx.api}/repos/${full}/contents/${p}`,
          git_url: `${ctx.api}/repos/${full}/git/blobs/x`,
          html_url: `${ctx.web}/${full}/blob/main/${p}`,
          repository: S.minimalRepo(ctx.api, ctx.web, repo, owner),
          score: 1,
        });
      }
    }
    searchResult(ctx, items);
  }),
  route('GET', '/search/commits', (ctx) => {
    const { quals, words } = searchTerms(ctx.query.get('q') ?? '');
    const items = [];
    for (const repo of searchRepos(ctx, quals)) {
      const owner = ctx.state.user(repo.owner);
      const full = `${owner.login}/${repo.name}`;
      const repoUrl = `${ctx.api}/repos/${full}`;
      for (const c of repo.commits.values()) {
        if (!words.every((w) => c.message.toLowerCase().includes(w))) continue;
        const shape = S.commitShape(ctx.api, ctx.web, full, repoUrl, c, ctx.state.user(c.author));
        items.push({
          ...shape,
          commit: { ...shape.commit, comment_count: 0 },
          repository: S.minimalRepo(ctx.api, ctx.web, repo, owner),
          score: 1,
        });
      }
    }
    searchResult(ctx, items);
  }),
  route('GET', '/search/users', (ctx) => {
    const { words } = searchTerms(ctx.query.get('q') ?? '');
    const items = [...ctx.state.users.values()]
      .filter((u) => words.every((w) => u.login.toLowerCase().includes(w)))
      .map((u) => ({ ...S.simpleUser(ctx.api, ctx.web, u), score: 1 }));
    searchResult(ctx, items);
  }),
  ...extraRoutes({ repoOf, paged }),
];

function orgJson(ctx, org) {
  const u = ctx.state.user(org);
  const url = `${ctx.api}/orgs/${org}`;
  return {
    login: org,
    id: u?.id ?? 1,
    node_id: S.nodeId('O', org),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `${ctx.web}/avatars/${org}`,
    description: null,
    html_url: `${ctx.web}/${org}`,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 1,
    public_gists: 0,
    followers: 0,
    following: 0,
    type: 'Organization',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    archived_at: null,
  };
}

function permissionsOf(ctx, repo) {
  const p = ctx.state.permission(repo, ctx.user.login);
  return {
    admin: p === 'admin',
    maintain: p === 'admin',
    push: p === 'admin' || p === 'write',
    triage: p !== 'none',
    pull: p !== 'none',
  };
}

function userOrOwner(ctx, login) {
  return ctx.state.user(login) ?? { login, id: 1 };
}

function fileCommit(ctx, r, sha) {
  const c = r.repo.commits.get(sha);
  const g = S.gitCommit(ctx.web, r.full, r.repoUrl, c);
  return { ...g, parents: g.parents };
}

function listDir(ctx, r, files, dir, ref) {
  const prefix = dir ? `${dir}/` : '';
  const entries = new Map();
  for (const [p, content] of files) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    const [first, ...more] = rest.split('/');
    const path = `${prefix}${first}`;
    if (!entries.has(path))
      entries.set(
        path,
        more.length ? ['dir', 0, S.sha1(path)] : ['file', Buffer.byteLength(content), S.sha1(content)],
      );
  }
  if (!entries.size) return ctx.send(404, NOT_FOUND);
  ctx.send(
    200,
    [...entries].map(([p, [type, size, sha]]) =>
      S.dirEntry(ctx.web, r.full, r.repoUrl, p, type, size, sha, ref),
    ),
  );
}

function findIssue(ctx, r, quiet = false) {
  const i = r.repo.issues.find((x) => x.number === Number(ctx.params.issue_number));
  if (!i && !quiet) ctx.send(404, NOT_FOUND);
  return i;
}

function findPull(ctx, r) {
  const p = r.repo.pulls.find((x) => x.number === Number(ctx.params.pull_number));
  if (!p) ctx.send(404, NOT_FOUND);
  return p;
}

function locateIssue(ctx, id) {
  for (const repo of ctx.state.repos.values()) {
    const i = repo.issues.find((x) => x.id === id);
    if (i && ctx.state.canSee(repo, ctx.user.login)) {
      const owner = ctx.state.user(repo.owner);
      const full = `${owner.login}/${repo.name}`;
      return [{ repo, owner, full, repoUrl: `${ctx.api}/repos/${full}` }, i];
    }
  }
  return undefined;
}

function createRepo(ctx, ownerLogin) {
  const { name, description, private: isPrivate } = ctx.body;
  if (!name)
    return ctx.send(422, {
      message: 'Repository creation failed.',
      errors: [{ resource: 'Repository', code: 'missing_field', field: 'name' }],
      status: '422',
    });
  if (ctx.state.repo(ownerLogin, name))
    return ctx.send(422, {
      message: 'Repository creation failed.',
      errors: [
        {
          resource: 'Repository',
          code: 'custom',
          field: 'name',
          message: 'name already exists on this account',
        },
      ],
      status: '422',
    });
  const repo = ctx.state.addRepo({ owner: ownerLogin, name, description, private: isPrivate });
  ctx.send(201, S.fullRepo(ctx.api, ctx.web, repo, ctx.state.user(ownerLogin) ?? ctx.user));
}

function runJson(ctx, r, run) {
  const url = `${r.repoUrl}/actions/runs/${run.id}`;
  const minimal = S.minimalRepo(ctx.api, ctx.web, r.repo, r.owner);
  return {
    id: run.id,
    name: run.name,
    node_id: S.nodeId('WR', run.id),
    head_branch: run.branch ?? 'main',
    head_sha: r.repo.branches.get(r.repo.defaultBranch),
    path: `.github/workflows/${run.name}.yml`,
    display_title: run.name,
    run_number: run.id,
    event: 'push',
    status: run.status ?? 'completed',
    conclusion: run.conclusion ?? 'success',
    workflow_id: 1,
    url,
    html_url: `${ctx.web}/${r.full}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${r.repoUrl}/check-suites/1`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    workflow_url: `${r.repoUrl}/actions/workflows/1`,
    head_commit: null,
    repository: minimal,
    head_repository: minimal,
  };
}

function reviewComment(ctx, r, p, c) {
  const author = userOrOwner(ctx, c.author);
  return {
    url: `${r.repoUrl}/pulls/comments/${c.id}`,
    pull_request_review_id: null,
    id: c.id,
    node_id: S.nodeId('PRRC', c.id),
    diff_hunk: '@@ -1 +1 @@',
    path: c.path,
    position: c.line ?? null,
    original_position: c.line ?? null,
    commit_id: p.headSha,
    original_commit_id: p.headSha,
    ...(c.inReplyTo ? { in_reply_to_id: c.inReplyTo } : {}),
    user: S.simpleUser(ctx.api, ctx.web, author),
    body: c.body,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    html_url: `${ctx.web}/${r.full}/pull/${p.number}#discussion_r${c.id}`,
    pull_request_url: `${r.repoUrl}/pulls/${p.number}`,
    author_association: c.association ?? 'NONE',
    _links: {
      self: { href: `${r.repoUrl}/pulls/comments/${c.id}` },
      html: { href: `${ctx.web}/${r.full}/pull/${p.number}` },
      pull_request: { href: `${r.repoUrl}/pulls/${p.number}` },
    },
    line: c.line ?? null,
    side: 'RIGHT',
  };
}

const findWorkflow = (r, id) =>
  r.repo.workflows.find((w) => String(w.id) === id || w.path.endsWith(`/${id}`));
const findRun = (r, id) => r.repo.runs.find((x) => String(x.id) === id);
function findJob(r, id) {
  for (const run of r.repo.runs) for (const j of run.jobs) if (String(j.id) === id) return [run, j];
  return undefined;
}

function workflowJson(ctx, r, w) {
  return {
    id: w.id,
    node_id: S.nodeId('W', w.id),
    name: w.name,
    path: w.path,
    state: 'active',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    url: `${r.repoUrl}/actions/workflows/${w.id}`,
    html_url: `${ctx.web}/${r.full}/blob/main/${w.path}`,
    badge_url: `${ctx.web}/${r.full}/workflows/${w.name}/badge.svg`,
  };
}

function jobJson(ctx, r, run, j) {
  const head = r.repo.branches.get(r.repo.defaultBranch);
  return {
    id: j.id,
    run_id: run.id,
    run_url: `${r.repoUrl}/actions/runs/${run.id}`,
    node_id: S.nodeId('J', j.id),
    head_sha: head,
    head_branch: 'main',
    workflow_name: run.name,
    url: `${r.repoUrl}/actions/jobs/${j.id}`,
    html_url: `${ctx.web}/${r.full}/actions/runs/${run.id}/job/${j.id}`,
    status: 'completed',
    conclusion: j.conclusion,
    created_at: '2026-01-01T00:00:00Z',
    started_at: '2026-01-01T00:00:00Z',
    completed_at: '2026-01-01T00:01:00Z',
    name: j.name,
    steps: j.steps.map((name, i) => ({
      name,
      number: i + 1,
      status: 'completed',
      conclusion:
        j.failedStep === i
          ? 'failure'
          : j.failedStep !== undefined && i > j.failedStep
            ? 'skipped'
            : 'success',
      started_at: '2026-01-01T00:00:00Z',
      completed_at: '2026-01-01T00:00:10Z',
    })),
    check_run_url: `${r.repoUrl}/check-runs/${j.id}`,
    labels: ['ubuntu-latest'],
    runner_id: 1,
    runner_name: 'runner',
    runner_group_id: 1,
    runner_group_name: 'default',
  };
}

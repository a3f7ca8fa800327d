// Helpers shared by the fake's route files: repository lookup with GitHub's visibility rules,
// page/per_page with Link headers, and the JSON shapes of common objects.
import * as S from './shapes.mjs';

export const NOT_FOUND = {
  message: 'Not Found',
  documentation_url: 'https://docs.github.com/rest',
  status: '404',
};

/** The repository of a request, or a 404/403 already sent (GitHub hides private repos as 404). */
export function repoOf(ctx, { write = false } = {}) {
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
export function paged(ctx, items) {
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

/** Answers 200 with one page of `items` (wrapped, for lists inside an object) and its Link header. */
export function sendPaged(ctx, items, wrap = (slice) => slice) {
  const { slice, headers } = paged(ctx, items);
  ctx.send(200, wrap(slice), headers);
}

export const branchSha = (r, ref) =>
  r.repo.branches.get(ref) ?? (r.repo.commits.has(ref) ? ref : r.repo.tags.find((t) => t.name === ref)?.sha);

export const userJson = (ctx, login) =>
  S.simpleUser(ctx.api, ctx.web, ctx.state.user(login) ?? { login, id: 1 });
export const issueJson = (ctx, r, i) =>
  S.issue(
    ctx.api,
    ctx.web,
    r.full,
    i,
    ctx.state.user(i.author),
    r.repoUrl,
    i.labels.map((n) => S.label(r.repoUrl, r.repo.labels.find((l) => l.name === n) ?? { id: 1, name: n })),
  );
export const pullJson = (ctx, r, p, detailed) =>
  S.pullShape(ctx.api, ctx.web, r.full, r.repoUrl, r.json, p, ctx.state.user(p.author), detailed);

export function route(method, template, handle) {
  return { method, template, handle };
}

export function searchTerms(q) {
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
export function searchRepos(ctx, quals) {
  const scopes = quals.filter((q) => !q.neg && ['repo', 'user', 'org'].includes(q.key));
  return [...ctx.state.repos.values()].filter((repo) => {
    if (!ctx.state.canSee(repo, ctx.user.login)) return false;
    const full = `${repo.owner}/${repo.name}`.toLowerCase();
    if (!scopes.length) return true;
    return scopes.some((q) => (q.key === 'repo' ? q.value === full : q.value === repo.owner.toLowerCase()));
  });
}

export function searchResult(ctx, items, extra = {}) {
  sendPaged(ctx, items, (slice) => ({
    total_count: items.length,
    incomplete_results: false,
    items: slice,
    ...extra,
  }));
}

export function filesOf(r, ref) {
  const sha = branchSha(r, ref ?? r.repo.defaultBranch);
  return sha ? { sha, files: r.repo.commits.get(sha).files } : undefined;
}

export function orgJson(ctx, org) {
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

export function permissionsOf(ctx, repo) {
  const p = ctx.state.permission(repo, ctx.user.login);
  return {
    admin: p === 'admin',
    maintain: p === 'admin',
    push: p === 'admin' || p === 'write',
    triage: p !== 'none',
    pull: p !== 'none',
  };
}

export function userOrOwner(ctx, login) {
  return ctx.state.user(login) ?? { login, id: 1 };
}

export function fileCommit(ctx, r, sha) {
  const c = r.repo.commits.get(sha);
  const g = S.gitCommit(ctx.web, r.full, r.repoUrl, c);
  return { ...g, parents: g.parents };
}

export function listDir(ctx, r, files, dir, ref) {
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

export function findIssue(ctx, r, quiet = false) {
  const i = r.repo.issues.find((x) => x.number === Number(ctx.params.issue_number));
  if (!i && !quiet) ctx.send(404, NOT_FOUND);
  if (i?.movedTo && !quiet) {
    // A transferred issue: GitHub answers 301 with the issue's new address.
    const url = /^https?:/.test(i.movedTo) ? i.movedTo : `${ctx.api}${i.movedTo}`;
    ctx.send(
      301,
      { message: 'Moved Permanently', url, documentation_url: 'https://docs.github.com/rest' },
      {
        location: url,
      },
    );
    return undefined;
  }
  return i;
}

export function findPull(ctx, r) {
  const p = r.repo.pulls.find((x) => x.number === Number(ctx.params.pull_number));
  if (!p) ctx.send(404, NOT_FOUND);
  return p;
}

export function locateIssue(ctx, id) {
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

export function createRepo(ctx, ownerLogin) {
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

export function runJson(ctx, r, run) {
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

export function reviewComment(ctx, r, p, c) {
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

export const findWorkflow = (r, id) =>
  r.repo.workflows.find((w) => String(w.id) === id || w.path.endsWith(`/${id}`));
export const findRun = (r, id) => r.repo.runs.find((x) => String(x.id) === id);
export function findJob(r, id) {
  for (const run of r.repo.runs) for (const j of run.jobs) if (String(j.id) === id) return [run, j];
  return undefined;
}

export function workflowJson(ctx, r, w) {
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

export function jobJson(ctx, r, run, j) {
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

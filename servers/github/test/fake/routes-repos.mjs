// The fake's routes for users, teams, repositories, contents, branches, git data, commits, tags, releases, forks.

import {
  branchSha,
  createRepo,
  fileCommit,
  filesOf,
  listDir,
  NOT_FOUND,
  orgJson,
  permissionsOf,
  repoOf,
  route,
  sendPaged,
  userJson,
  userOrOwner,
} from './common.mjs';
import * as S from './shapes.mjs';
import { commit } from './state.mjs';

export const reposRoutes = [
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
    sendPaged(
      ctx,
      team.members.map((m) => userJson(ctx, m)),
    );
  }),
  route('GET', '/repos/{owner}/{repo}', (ctx) => {
    const r = repoOf(ctx);
    if (r)
      ctx.send(
        200,
        withNetwork(ctx, r.repo, S.fullRepo(ctx.api, ctx.web, r.repo, r.owner, permissionsOf(ctx, r.repo))),
      );
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
    sendPaged(ctx, all);
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
    const q = (k) => ctx.query.get(k);
    const at = (c) => Date.parse(c.date ?? S.T0);
    // path: commits whose snapshot differs from their first parent's at that path.
    const touches = (c, p) => c.files.get(p) !== r.repo.commits.get(c.parents[0])?.files.get(p);
    const list = chain.filter(
      (c) =>
        (!q('author') || c.author.toLowerCase() === q('author').toLowerCase()) &&
        (!q('path') || touches(c, q('path'))) &&
        (!q('since') || at(c) >= Date.parse(q('since'))) &&
        (!q('until') || at(c) <= Date.parse(q('until'))),
    );
    sendPaged(
      ctx,
      list.map((c) => S.commitShape(ctx.api, ctx.web, r.full, r.repoUrl, c, ctx.state.user(c.author))),
    );
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
    sendPaged(
      ctx,
      r.repo.tags.map((t) => S.tagShape(r.repoUrl, t)),
    );
  }),
  route('GET', '/repos/{owner}/{repo}/releases', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    sendPaged(
      ctx,
      r.repo.releases.map((x) =>
        S.release(ctx.api, ctx.web, r.full, r.repoUrl, x, userOrOwner(ctx, x.author)),
      ),
    );
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
      ctx.state.addRepo({ owner, name, forkOf: r.repo, files: Object.fromEntries(filesOf(r).files) });
    ctx.send(
      202,
      withNetwork(ctx, fork, S.fullRepo(ctx.api, ctx.web, fork, ctx.state.user(owner) ?? ctx.user)),
    );
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
];

/** A fork's full answer names its parent and its network's source, as GitHub's does. */
function withNetwork(ctx, repo, json) {
  if (!repo.forkOf) return json;
  const show = (x) => S.fullRepo(ctx.api, ctx.web, x, ctx.state.user(x.owner));
  let source = repo.forkOf;
  while (source.forkOf) source = source.forkOf;
  return { ...json, parent: show(repo.forkOf), source: show(source) };
}

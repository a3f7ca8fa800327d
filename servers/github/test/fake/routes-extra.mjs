// The fake's routes for the off-by-default toolsets: labels, notifications, gists, code scanning
// and Dependabot alerts.
import { NOT_FOUND, repoOf, route, sendPaged } from './common.mjs';
import * as S from './shapes.mjs';
import { newId } from './state.mjs';

const T0 = '2026-01-01T00:00:00Z';

export function extraRoutes() {
  const label = (r, l) => S.label(r.repoUrl, l);
  const findLabel = (r, name) =>
    r.repo.labels.find((l) => l.name.toLowerCase() === String(name).toLowerCase());
  const threads = (ctx) => ctx.state.notifications.filter((n) => n.user === ctx.user.login && !n.done);
  const threadJson = (ctx, n) => {
    const repo = ctx.state.repo(n.repo.split('/')[0], n.repo.split('/')[1]);
    const owner = ctx.state.user(repo.owner);
    return {
      id: String(n.id),
      unread: !n.read,
      reason: n.reason ?? 'mention',
      updated_at: T0,
      last_read_at: n.read ? T0 : null,
      subject: {
        title: n.title,
        url: `${ctx.api}/repos/${n.repo}/issues/1`,
        latest_comment_url: `${ctx.api}/repos/${n.repo}/issues/comments/1`,
        type: n.type ?? 'Issue',
      },
      repository: S.minimalRepo(ctx.api, ctx.web, repo, owner),
      url: `${ctx.api}/notifications/threads/${n.id}`,
      subscription_url: `${ctx.api}/notifications/threads/${n.id}/subscription`,
    };
  };
  const gistJson = (ctx, g, full) => {
    const files = Object.fromEntries(
      Object.entries(g.files).map(([name, content]) => [
        name,
        {
          filename: name,
          type: 'text/plain',
          language: 'Text',
          raw_url: `${ctx.web}/gist/raw/${g.id}/${name}`,
          size: content.length,
          ...(full ? { content, truncated: false } : {}),
        },
      ]),
    );
    return {
      id: g.id,
      node_id: S.nodeId('G', g.id),
      url: `${ctx.api}/gists/${g.id}`,
      forks_url: `${ctx.api}/gists/${g.id}/forks`,
      commits_url: `${ctx.api}/gists/${g.id}/commits`,
      git_pull_url: `${ctx.web}/gist/${g.id}.git`,
      git_push_url: `${ctx.web}/gist/${g.id}.git`,
      html_url: `${ctx.web}/gist/${g.id}`,
      comments_url: `${ctx.api}/gists/${g.id}/comments`,
      public: g.public,
      description: g.description ?? null,
      comments: 0,
      user: null,
      owner: S.simpleUser(ctx.api, ctx.web, ctx.state.user(g.owner)),
      files,
      created_at: T0,
      updated_at: T0,
      truncated: false,
    };
  };
  const codeAlert = (ctx, r, a) => ({
    number: a.number,
    created_at: T0,
    updated_at: T0,
    url: `${r.repoUrl}/code-scanning/alerts/${a.number}`,
    html_url: `${ctx.web}/${r.full}/security/code-scanning/${a.number}`,
    instances_url: `${r.repoUrl}/code-scanning/alerts/${a.number}/instances`,
    state: a.state ?? 'open',
    fixed_at: null,
    dismissed_by: null,
    dismissed_at: null,
    dismissed_reason: null,
    dismissed_comment: null,
    rule: {
      id: a.rule,
      name: a.rule,
      severity: a.severity ?? 'warning',
      security_severity_level: 'high',
      description: a.description,
      tags: ['security'],
    },
    tool: { name: 'CodeQL', guid: null, version: '2.20.0' },
    most_recent_instance: {
      ref: 'refs/heads/main',
      analysis_key: '.github/workflows/codeql.yml:analyze',
      environment: '{}',
      category: 'js',
      state: a.state ?? 'open',
      commit_sha: '0'.repeat(40),
      message: { text: a.message },
      location: { path: a.path, start_line: a.line, end_line: a.line, start_column: 1, end_column: 10 },
      classifications: [],
    },
  });
  const vulnerability = (a) => ({
    package: { ecosystem: 'npm', name: a.package },
    severity: a.severity,
    vulnerable_version_range: '< 1.2.3',
    first_patched_version: { identifier: '1.2.3' },
  });
  const depAlert = (ctx, r, a) => ({
    number: a.number,
    state: a.state ?? 'open',
    dependency: {
      package: { ecosystem: 'npm', name: a.package },
      manifest_path: 'package-lock.json',
      scope: 'runtime',
      relationship: 'direct',
    },
    security_advisory: {
      ghsa_id: a.ghsa,
      cve_id: null,
      summary: a.summary,
      description: a.description ?? a.summary,
      vulnerabilities: [vulnerability(a)],
      severity: a.severity,
      cvss: { score: 7.5, vector_string: null },
      cwes: [],
      identifiers: [{ type: 'GHSA', value: a.ghsa }],
      references: [{ url: `https://github.com/advisories/${a.ghsa}` }],
      published_at: T0,
      updated_at: T0,
      withdrawn_at: null,
    },
    security_vulnerability: vulnerability(a),
    url: `${r.repoUrl}/dependabot/alerts/${a.number}`,
    html_url: `${ctx.web}/${r.full}/security/dependabot/${a.number}`,
    created_at: T0,
    updated_at: T0,
    dismissed_at: null,
    dismissed_by: null,
    dismissed_reason: null,
    dismissed_comment: null,
    fixed_at: null,
    auto_dismissed_at: null,
  });

  return [
    route('GET', '/repos/{owner}/{repo}/labels', (ctx) => {
      const r = repoOf(ctx);
      if (!r) return;
      sendPaged(
        ctx,
        r.repo.labels.map((l) => label(r, l)),
      );
    }),
    route('POST', '/repos/{owner}/{repo}/labels', (ctx) => {
      const r = repoOf(ctx, { write: true });
      if (!r) return;
      if (!ctx.body.name || findLabel(r, ctx.body.name))
        return ctx.send(422, {
          message: 'Validation Failed',
          errors: [
            { resource: 'Label', code: ctx.body.name ? 'already_exists' : 'missing_field', field: 'name' },
          ],
          status: '422',
        });
      const l = {
        id: newId(),
        name: ctx.body.name,
        color: ctx.body.color ?? 'ededed',
        description: ctx.body.description ?? null,
      };
      r.repo.labels.push(l);
      ctx.send(201, label(r, l));
    }),
    route('PATCH', '/repos/{owner}/{repo}/labels/{name}', (ctx) => {
      const r = repoOf(ctx, { write: true });
      const l = r && findLabel(r, ctx.params.name);
      if (!l) return r && ctx.send(404, NOT_FOUND);
      if (ctx.body.new_name) l.name = ctx.body.new_name;
      if (ctx.body.color) l.color = ctx.body.color;
      if (ctx.body.description !== undefined) l.description = ctx.body.description;
      ctx.send(200, label(r, l));
    }),
    route('DELETE', '/repos/{owner}/{repo}/labels/{name}', (ctx) => {
      const r = repoOf(ctx, { write: true });
      const l = r && findLabel(r, ctx.params.name);
      if (!l) return r && ctx.send(404, NOT_FOUND);
      r.repo.labels = r.repo.labels.filter((x) => x !== l);
      ctx.send(204);
    }),
    route('GET', '/notifications', (ctx) => {
      const all = threads(ctx).filter((n) => ctx.query.get('all') === 'true' || !n.read);
      sendPaged(
        ctx,
        all.map((n) => threadJson(ctx, n)),
      );
    }),
    route('GET', '/repos/{owner}/{repo}/notifications', (ctx) => {
      const r = repoOf(ctx);
      if (!r) return;
      const all = threads(ctx).filter(
        (n) => n.repo.toLowerCase() === r.full.toLowerCase() && (ctx.query.get('all') === 'true' || !n.read),
      );
      sendPaged(
        ctx,
        all.map((n) => threadJson(ctx, n)),
      );
    }),
    route('GET', '/notifications/threads/{thread_id}', (ctx) => {
      const n = threads(ctx).find((t) => String(t.id) === ctx.params.thread_id);
      if (!n) return ctx.send(404, NOT_FOUND);
      ctx.send(200, threadJson(ctx, n));
    }),
    route('PATCH', '/notifications/threads/{thread_id}', (ctx) => {
      const n = threads(ctx).find((t) => String(t.id) === ctx.params.thread_id);
      if (!n) return ctx.send(404, NOT_FOUND);
      n.read = true;
      ctx.send(205);
    }),
    route('DELETE', '/notifications/threads/{thread_id}', (ctx) => {
      const n = threads(ctx).find((t) => String(t.id) === ctx.params.thread_id);
      if (!n) return ctx.send(404, NOT_FOUND);
      n.done = true;
      ctx.send(204);
    }),
    route('GET', '/gists', (ctx) => {
      const mine = ctx.state.gists.filter((g) => g.owner === ctx.user.login);
      sendPaged(
        ctx,
        mine.map((g) => gistJson(ctx, g, false)),
      );
    }),
    route('GET', '/gists/{gist_id}', (ctx) => {
      const g = ctx.state.gists.find(
        (x) => x.id === ctx.params.gist_id && (x.public || x.owner === ctx.user.login),
      );
      if (!g) return ctx.send(404, NOT_FOUND);
      ctx.send(200, gistJson(ctx, g, true));
    }),
    route('POST', '/gists', (ctx) => {
      const files = Object.fromEntries(Object.entries(ctx.body.files ?? {}).map(([k, v]) => [k, v?.content]));
      if (!Object.keys(files).length || Object.values(files).some((c) => typeof c !== 'string'))
        return ctx.send(422, {
          message: 'Validation Failed',
          errors: [{ resource: 'Gist', code: 'missing_field', field: 'files' }],
          status: '422',
        });
      const g = {
        id: S.sha1(`gist${newId()}`).slice(0, 20),
        owner: ctx.user.login,
        public: Boolean(ctx.body.public),
        description: ctx.body.description,
        files,
      };
      ctx.state.gists.push(g);
      ctx.send(201, gistJson(ctx, g, true));
    }),
    route('PATCH', '/gists/{gist_id}', (ctx) => {
      const g = ctx.state.gists.find((x) => x.id === ctx.params.gist_id && x.owner === ctx.user.login);
      if (!g) return ctx.send(404, NOT_FOUND);
      for (const [name, v] of Object.entries(ctx.body.files ?? {})) g.files[name] = v?.content ?? '';
      if (ctx.body.description !== undefined) g.description = ctx.body.description;
      ctx.send(200, gistJson(ctx, g, true));
    }),
    route('GET', '/repos/{owner}/{repo}/code-scanning/alerts', (ctx) => {
      const r = repoOf(ctx);
      if (!r) return;
      const state = ctx.query.get('state');
      const list = r.repo.codeAlerts.filter((a) => !state || (a.state ?? 'open') === state);
      sendPaged(
        ctx,
        list.map((a) => codeAlert(ctx, r, a)),
      );
    }),
    route('GET', '/repos/{owner}/{repo}/code-scanning/alerts/{alert_number}', (ctx) => {
      const r = repoOf(ctx);
      const a = r?.repo.codeAlerts.find((x) => x.number === Number(ctx.params.alert_number));
      if (!a) return r && ctx.send(404, NOT_FOUND);
      ctx.send(200, codeAlert(ctx, r, a));
    }),
    route('GET', '/repos/{owner}/{repo}/dependabot/alerts', (ctx) => {
      const r = repoOf(ctx);
      if (!r) return;
      const state = ctx.query.get('state');
      const list = r.repo.depAlerts.filter((a) => !state || state.split(',').includes(a.state ?? 'open'));
      ctx.send(
        200,
        list.map((a) => depAlert(ctx, r, a)),
      );
    }),
    route('GET', '/repos/{owner}/{repo}/dependabot/alerts/{alert_number}', (ctx) => {
      const r = repoOf(ctx);
      const a = r?.repo.depAlerts.find((x) => x.number === Number(ctx.params.alert_number));
      if (!a) return r && ctx.send(404, NOT_FOUND);
      ctx.send(200, depAlert(ctx, r, a));
    }),
  ];
}

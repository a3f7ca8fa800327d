// The fake's routes for search (issues, repositories, code, commits, users).

import { issueJson, repoOf, route, searchRepos, searchResult, searchTerms } from './common.mjs';
import * as S from './shapes.mjs';

export const searchRoutes = [
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
];

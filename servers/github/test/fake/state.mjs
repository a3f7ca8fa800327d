// The fake's in-memory world: users, tokens, repositories with commits, branches, issues, pull
// requests, releases and workflow runs. Commits hold whole file snapshots (simple and enough).
import { sha1 } from './shapes.mjs';

let nextId = 1000;
export const newId = () => nextId++;

export function buildState(seed) {
  const users = new Map();
  for (const u of seed.users) users.set(u.login.toLowerCase(), { id: newId(), type: 'User', ...u });
  const tokens = new Map(Object.entries(seed.tokens).map(([t, login]) => [t, login.toLowerCase()]));
  const repos = new Map();

  const state = {
    users,
    repos,
    teams: seed.teams ?? [],
    notifications: (seed.notifications ?? []).map((n) => ({ id: newId(), ...n })),
    gists: (seed.gists ?? []).map((g) => ({ ...g })),
    scopes: seed.scopes ?? {},
    userOfToken(header) {
      const token = /^(?:token|bearer)\s+(.+)$/i.exec(header ?? '')?.[1];
      const login = token ? tokens.get(token) : undefined;
      return login ? { ...users.get(login), token } : undefined;
    },
    user: (login) => users.get(String(login).toLowerCase()),
    repo: (owner, name) => repos.get(`${owner}/${name}`.toLowerCase()),
    /** admin, write, read or none, as GitHub's collaborator permission endpoint says. */
    permission(repo, login) {
      const l = login.toLowerCase();
      if (repo.owner.toLowerCase() === l) return 'admin';
      return repo.collaborators[l] ?? (repo.private ? 'none' : 'read');
    },
    /** The repository of `owner` in `repo`'s fork network (how GitHub reads a head of owner:branch). */
    forkIn(repo, owner) {
      const root = (r) => (r.forkOf ? root(r.forkOf) : r);
      return [...repos.values()].find(
        (r) => r.owner.toLowerCase() === owner.toLowerCase() && root(r) === root(repo),
      );
    },
    canSee(repo, login) {
      return !repo.private || state.permission(repo, login) !== 'none';
    },
    canWrite(repo, login) {
      return ['admin', 'write'].includes(state.permission(repo, login));
    },
    addRepo(spec) {
      // A fork names its parent as 'owner/name' in the seed, or as the repository itself.
      const forkOf = typeof spec.forkOf === 'string' ? state.repo(...spec.forkOf.split('/')) : spec.forkOf;
      const repo = makeRepo({ ...spec, fork: spec.fork ?? Boolean(forkOf), forkOf });
      repos.set(`${spec.owner}/${spec.name}`.toLowerCase(), repo);
      return repo;
    },
  };
  for (const spec of seed.repos) state.addRepo(spec);
  return state;
}

/** Records a commit of `files` (a Map) on top of `parents`. */
export function commit(repo, files, message, author, parents) {
  const tree = sha1(JSON.stringify([...files.entries()].sort()));
  const sha = sha1(`${tree}${message}${parents.join()}${repo.commits.size}`);
  repo.commits.set(sha, { sha, tree, files, message, author, parents, order: repo.commits.size });
  repo.trees.set(tree, files);
  return sha;
}

function makeRepo(spec) {
  const collaborators = Object.fromEntries(
    Object.entries(spec.collaborators ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const repo = {
    id: newId(),
    name: spec.name,
    owner: spec.owner,
    private: Boolean(spec.private),
    fork: Boolean(spec.fork),
    /** The repository this one was forked from (its network's root is found by following these). */
    forkOf: spec.forkOf,
    description: spec.description ?? null,
    defaultBranch: spec.defaultBranch ?? 'main',
    collaborators,
    stars: spec.stars ?? 0,
    commits: new Map(),
    trees: new Map(),
    branches: new Map(),
    issues: [],
    pulls: [],
    labels: (spec.labels ?? []).map((l) => ({ id: newId(), ...l })),
    releases: (spec.releases ?? []).map((r) => ({ id: newId(), author: spec.owner, ...r })),
    tags: [],
    statuses: spec.statuses ?? [],
    codeAlerts: spec.codeAlerts ?? [],
    discussionCategories: (spec.discussionCategories ?? []).map((c) => ({ id: `DIC_${newId()}`, ...c })),
    discussions: (spec.discussions ?? []).map((d, i) => ({
      number: 100 + i,
      category: 'General',
      ...d,
      comments: (d.comments ?? []).map((c) => ({ id: newId(), ...c })),
    })),
    depAlerts: spec.depAlerts ?? [],
    checks: spec.checks ?? [],
    workflows: (spec.workflows ?? []).map((w) => ({ id: newId(), ...w })),
    runs: (spec.runs ?? []).map((r) => ({
      id: newId(),
      ...r,
      jobs: (r.jobs ?? []).map((j) => ({ id: newId(), ...j })),
    })),
    nextNumber: 1,
  };
  let head = commit(
    repo,
    new Map(Object.entries(spec.files ?? { 'README.md': `# ${spec.name}\n` })),
    'Initial commit',
    spec.owner,
    [],
  );
  for (const extra of spec.history ?? []) {
    const files = new Map(repo.commits.get(head).files);
    for (const [p, c] of Object.entries(extra.files ?? {})) files.set(p, c);
    head = commit(repo, files, extra.message, extra.author ?? spec.owner, [head]);
  }
  repo.branches.set(repo.defaultBranch, head);
  for (const b of spec.branches ?? []) repo.branches.set(b, head);
  repo.tags = (spec.tags ?? []).map((name) => ({ name, sha: head }));
  for (const i of spec.issues ?? []) {
    repo.issues.push({
      id: newId(),
      number: repo.nextNumber++,
      state: 'open',
      body: null,
      author: spec.owner,
      labels: [],
      subIssues: [],
      ...i,
      comments: (i.comments ?? []).map((c) => ({ id: newId(), ...c })),
    });
  }
  for (const p of spec.pulls ?? []) {
    repo.pulls.push({
      id: newId(),
      number: repo.nextNumber++,
      state: 'open',
      body: null,
      author: spec.owner,
      base: repo.defaultBranch,
      baseSha: head,
      headSha: head,
      files: [],
      ...p,
      reviews: (p.reviews ?? []).map((r) => ({ id: newId(), commitId: head, ...r })),
      reviewComments: (p.reviewComments ?? []).map((c) => ({ id: newId(), ...c })),
    });
  }
  return repo;
}

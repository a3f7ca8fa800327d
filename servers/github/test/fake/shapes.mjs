// JSON shapes of GitHub's REST answers, built from the fake's state. Every field GitHub's OpenAPI
// description marks required is present (a test validates each served answer against it).
import { createHash } from 'node:crypto';

export const T0 = '2026-01-01T00:00:00Z';
export const sha1 = (text) => createHash('sha1').update(text).digest('hex');
export const nodeId = (kind, id) => Buffer.from(`${kind}:${id}`).toString('base64');

/** `{name}_url` fields, pointing at the API. */
function urlFields(base, names) {
  return Object.fromEntries(names.map((n) => [`${n}_url`, `${base}/${n}`]));
}

export function simpleUser(api, web, user) {
  const url = `${api}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId('U', user.id),
    avatar_url: `${web}/avatars/${user.login}`,
    gravatar_id: '',
    url,
    html_url: `${web}/${user.login}`,
    ...urlFields(url, [
      'followers',
      'following',
      'gists',
      'starred',
      'subscriptions',
      'organizations',
      'repos',
      'events',
      'received_events',
    ]),
    type: user.type ?? 'User',
    site_admin: false,
  };
}

export function privateUser(api, web, user) {
  return {
    ...simpleUser(api, web, user),
    name: user.name ?? null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 1,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: T0,
    updated_at: T0,
    private_gists: 0,
    total_private_repos: 1,
    owned_private_repos: 1,
    disk_usage: 1,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

const REPO_URLS = [
  'archive',
  'assignees',
  'blobs',
  'branches',
  'collaborators',
  'comments',
  'commits',
  'compare',
  'contents',
  'contributors',
  'deployments',
  'downloads',
  'events',
  'forks',
  'git_commits',
  'git_refs',
  'git_tags',
  'hooks',
  'issue_comment',
  'issue_events',
  'issues',
  'keys',
  'labels',
  'languages',
  'merges',
  'milestones',
  'notifications',
  'pulls',
  'releases',
  'stargazers',
  'statuses',
  'subscribers',
  'subscription',
  'tags',
  'teams',
  'trees',
];

export function minimalRepo(api, web, repo, owner) {
  const url = `${api}/repos/${owner.login}/${repo.name}`;
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: `${owner.login}/${repo.name}`,
    owner: simpleUser(api, web, owner),
    private: repo.private,
    html_url: `${web}/${owner.login}/${repo.name}`,
    description: repo.description ?? null,
    fork: Boolean(repo.fork),
    url,
    ...urlFields(url, REPO_URLS),
  };
}

export function fullRepo(api, web, repo, owner, permission) {
  const open = repo.issues.filter((i) => i.state === 'open').length;
  return {
    ...minimalRepo(api, web, repo, owner),
    clone_url: `${web}/${owner.login}/${repo.name}.git`,
    git_url: `git://fake/${owner.login}/${repo.name}.git`,
    ssh_url: `git@fake:${owner.login}/${repo.name}.git`,
    svn_url: `${web}/${owner.login}/${repo.name}`,
    mirror_url: null,
    homepage: null,
    language: 'TypeScript',
    forks: 0,
    forks_count: 0,
    stargazers_count: repo.stars ?? 0,
    watchers_count: 0,
    watchers: 0,
    size: 1,
    default_branch: repo.defaultBranch,
    open_issues_count: open,
    open_issues: open,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    pushed_at: T0,
    created_at: T0,
    updated_at: T0,
    license: null,
    network_count: 0,
    subscribers_count: 0,
    ...(permission ? { permissions: permission } : {}),
  };
}

export function label(repoUrl, l) {
  return {
    id: l.id,
    node_id: nodeId('L', l.id),
    url: `${repoUrl}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description ?? null,
    color: l.color ?? 'ededed',
    default: false,
  };
}

export function issue(api, web, full, issueRec, author, repoUrl, labels) {
  const url = `${repoUrl}/issues/${issueRec.number}`;
  return {
    id: issueRec.id,
    node_id: nodeId('I', issueRec.id),
    url,
    repository_url: repoUrl,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${web}/${full}/issues/${issueRec.number}`,
    number: issueRec.number,
    state: issueRec.state,
    state_reason: issueRec.stateReason ?? null,
    title: issueRec.title,
    body: issueRec.body ?? null,
    user: simpleUser(api, web, author),
    labels,
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: issueRec.comments.length,
    closed_at: issueRec.state === 'closed' ? T0 : null,
    created_at: issueRec.createdAt ?? T0,
    updated_at: issueRec.updatedAt ?? issueRec.createdAt ?? T0,
    author_association: issueRec.association ?? 'OWNER',
    ...(issueRec.pull
      ? {
          pull_request: {
            url: `${repoUrl}/pulls/${issueRec.number}`,
            html_url: `${web}/${full}/pull/${issueRec.number}`,
            diff_url: null,
            patch_url: null,
          },
        }
      : {}),
  };
}

export function comment(api, web, full, repoUrl, issueNumber, c, author) {
  return {
    id: c.id,
    node_id: nodeId('IC', c.id),
    url: `${repoUrl}/issues/comments/${c.id}`,
    html_url: `${web}/${full}/issues/${issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoUrl}/issues/${issueNumber}`,
    body: c.body,
    user: simpleUser(api, web, author),
    created_at: T0,
    updated_at: T0,
    author_association: c.association ?? 'NONE',
  };
}

export function reaction(api, web, x, user) {
  return {
    id: x.id,
    node_id: nodeId('REA', x.id),
    user: simpleUser(api, web, user),
    content: x.content,
    created_at: T0,
  };
}

export function gitUser(name, date = T0) {
  return { name, email: `${name}@users.noreply.fake`, date };
}

export function commitShape(api, web, full, repoUrl, c, author) {
  const who = author ? simpleUser(api, web, author) : null;
  return {
    url: `${repoUrl}/commits/${c.sha}`,
    sha: c.sha,
    node_id: nodeId('C', c.sha),
    html_url: `${web}/${full}/commit/${c.sha}`,
    comments_url: `${repoUrl}/commits/${c.sha}/comments`,
    commit: {
      url: `${repoUrl}/git/commits/${c.sha}`,
      author: gitUser(c.author, c.date),
      committer: gitUser(c.author, c.date),
      message: c.message,
      comment_count: 0,
      tree: { sha: c.tree, url: `${repoUrl}/git/trees/${c.tree}` },
    },
    author: who,
    committer: who,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${repoUrl}/commits/${p}`,
      html_url: `${web}/${full}/commit/${p}`,
    })),
  };
}

export function gitCommit(web, full, repoUrl, c) {
  return {
    sha: c.sha,
    node_id: nodeId('GC', c.sha),
    url: `${repoUrl}/git/commits/${c.sha}`,
    html_url: `${web}/${full}/commit/${c.sha}`,
    author: gitUser(c.author),
    committer: gitUser(c.author),
    message: c.message,
    tree: { sha: c.tree, url: `${repoUrl}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${repoUrl}/git/commits/${p}`,
      html_url: `${web}/${full}/commit/${p}`,
    })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

export function gitRef(repoUrl, name, sha) {
  return {
    ref: `refs/heads/${name}`,
    node_id: nodeId('REF', name),
    url: `${repoUrl}/git/refs/heads/${name}`,
    object: { type: 'commit', sha, url: `${repoUrl}/git/commits/${sha}` },
  };
}

export function contentFile(web, full, repoUrl, path, content, ref) {
  const sha = sha1(`blob ${content.length}\0${content}`);
  const buf = Buffer.from(content);
  return {
    type: 'file',
    encoding: 'base64',
    size: buf.length,
    name: path.split('/').pop(),
    path,
    content: buf.toString('base64'),
    sha,
    url: `${repoUrl}/contents/${path}?ref=${ref}`,
    git_url: `${repoUrl}/git/blobs/${sha}`,
    html_url: `${web}/${full}/blob/${ref}/${path}`,
    download_url: `${web}/raw/${full}/${ref}/${path}`,
    _links: {
      self: `${repoUrl}/contents/${path}`,
      git: `${repoUrl}/git/blobs/${sha}`,
      html: `${web}/${full}/blob/${ref}/${path}`,
    },
  };
}

export function dirEntry(web, full, repoUrl, path, type, size, sha, ref) {
  return {
    type,
    size,
    name: path.split('/').pop(),
    path,
    sha,
    url: `${repoUrl}/contents/${path}?ref=${ref}`,
    git_url: `${repoUrl}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`,
    html_url: `${web}/${full}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${path}`,
    download_url: type === 'dir' ? null : `${web}/raw/${full}/${ref}/${path}`,
    _links: { self: `${repoUrl}/contents/${path}`, git: null, html: `${web}/${full}/tree/${ref}/${path}` },
  };
}

export function pullShape(api, web, full, repoUrl, repoJson, p, author, detailed) {
  const url = `${repoUrl}/pulls/${p.number}`;
  const side = (ref, sha, repoJ) => ({
    label: `${repoJ.owner.login}:${ref}`,
    ref,
    sha,
    user: repoJ.owner,
    repo: repoJ,
  });
  const base = {
    url,
    id: p.id,
    node_id: nodeId('PR', p.id),
    html_url: `${web}/${full}/pull/${p.number}`,
    diff_url: `${web}/${full}/pull/${p.number}.diff`,
    patch_url: `${web}/${full}/pull/${p.number}.patch`,
    issue_url: `${repoUrl}/issues/${p.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl}/pulls/comments{/number}`,
    comments_url: `${repoUrl}/issues/${p.number}/comments`,
    statuses_url: `${repoUrl}/statuses/${p.headSha}`,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user: simpleUser(api, web, author),
    body: p.body ?? null,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: T0,
    updated_at: T0,
    closed_at: p.state === 'closed' ? T0 : null,
    merged_at: p.merged ? T0 : null,
    merge_commit_sha: p.mergeSha ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: (p.requestedReviewers ?? []).map((login) => simpleUser(api, web, { login, id: 1 })),
    requested_teams: (p.requestedTeams ?? []).map((slug) => ({
      id: 7,
      node_id: nodeId('T', slug),
      url: `${api}/teams/7`,
      members_url: `${api}/teams/7/members{/member}`,
      name: slug,
      slug,
      description: null,
      permission: 'pull',
      html_url: `${web}/orgs/${full.split('/')[0]}/teams/${slug}`,
      repositories_url: `${api}/teams/7/repos`,
      parent: null,
      type: 'organization',
    })),
    head: side(p.head, p.headSha, p.headRepoJson ?? repoJson),
    base: side(p.base, p.baseSha, repoJson),
    _links: Object.fromEntries(
      ['self', 'html', 'issue', 'comments', 'review_comments', 'review_comment', 'commits', 'statuses'].map(
        (k) => [k, { href: url }],
      ),
    ),
    author_association: 'OWNER',
    auto_merge: null,
    draft: Boolean(p.draft),
  };
  if (!detailed) return base;
  const additions = p.files.reduce((n, f) => n + f.additions, 0);
  const deletions = p.files.reduce((n, f) => n + f.deletions, 0);
  return {
    ...base,
    merged: Boolean(p.merged),
    mergeable: p.state === 'open' ? true : null,
    rebaseable: null,
    mergeable_state: p.state === 'open' ? 'clean' : 'unknown',
    merged_by: null,
    comments: 0,
    review_comments: p.reviewComments.length,
    maintainer_can_modify: false,
    commits: 1,
    additions,
    deletions,
    changed_files: p.files.length,
  };
}

export function diffEntry(web, full, repoUrl, f, ref) {
  return {
    sha: sha1(f.filename),
    filename: f.filename,
    status: f.status ?? 'modified',
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `${web}/${full}/blob/${ref}/${f.filename}`,
    raw_url: `${web}/${full}/raw/${ref}/${f.filename}`,
    contents_url: `${repoUrl}/contents/${f.filename}?ref=${ref}`,
    ...(f.patch === undefined ? {} : { patch: f.patch }),
  };
}

export function review(api, web, full, repoUrl, number, r, author) {
  return {
    id: r.id,
    node_id: nodeId('PRR', r.id),
    user: simpleUser(api, web, author),
    body: r.body,
    state: r.state,
    html_url: `${web}/${full}/pull/${number}#pullrequestreview-${r.id}`,
    pull_request_url: `${repoUrl}/pulls/${number}`,
    _links: {
      html: { href: `${web}/${full}/pull/${number}` },
      pull_request: { href: `${repoUrl}/pulls/${number}` },
    },
    submitted_at: r.state === 'PENDING' ? undefined : T0,
    commit_id: r.commitId,
    author_association: r.association ?? 'NONE',
  };
}

export function release(api, web, full, repoUrl, r, author) {
  const url = `${repoUrl}/releases/${r.id}`;
  return {
    url,
    html_url: `${web}/${full}/releases/tag/${r.tag}`,
    assets_url: `${url}/assets`,
    upload_url: `${url}/assets{?name,label}`,
    tarball_url: `${repoUrl}/tarball/${r.tag}`,
    zipball_url: `${repoUrl}/zipball/${r.tag}`,
    id: r.id,
    node_id: nodeId('RE', r.id),
    tag_name: r.tag,
    target_commitish: 'main',
    name: r.name,
    body: r.body ?? null,
    draft: false,
    prerelease: Boolean(r.prerelease),
    created_at: T0,
    published_at: T0,
    author: simpleUser(api, web, author),
    assets: [],
  };
}

export function tagShape(repoUrl, t) {
  return {
    name: t.name,
    commit: { sha: t.sha, url: `${repoUrl}/commits/${t.sha}` },
    zipball_url: `${repoUrl}/zipball/${t.name}`,
    tarball_url: `${repoUrl}/tarball/${t.name}`,
    node_id: nodeId('T', t.name),
  };
}

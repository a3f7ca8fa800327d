import { oneLine, sanitize } from './sanitize.js';

// Compact forms of GitHub objects: a few fields for the text and for structuredContent, user text
// sanitised. `fields` on list tools picks among these keys.
// biome-ignore lint/suspicious/noExplicitAny: GitHub's JSON, read loosely
type Json = any;

export const login = (u: Json) => (u?.login as string | undefined) ?? 'ghost';

export function compactIssue(i: Json) {
  return {
    number: i.number as number,
    title: oneLine(i.title),
    state: i.state as string,
    author: login(i.user),
    labels: ((i.labels ?? []) as Json[]).map((l) => (typeof l === 'string' ? l : l.name)),
    comments: i.comments as number,
    created_at: i.created_at as string,
    updated_at: i.updated_at as string,
    url: i.html_url as string,
    ...(i.pull_request ? { is_pull_request: true } : {}),
  };
}
export const ISSUE_FIELDS = [
  'number',
  'title',
  'state',
  'author',
  'labels',
  'comments',
  'created_at',
  'updated_at',
  'url',
] as const;

export function compactPull(p: Json) {
  return {
    number: p.number as number,
    title: oneLine(p.title),
    state: p.merged_at ? 'merged' : (p.state as string),
    draft: Boolean(p.draft),
    author: login(p.user),
    head: p.head?.label as string,
    base: p.base?.ref as string,
    created_at: p.created_at as string,
    updated_at: p.updated_at as string,
    url: p.html_url as string,
  };
}
export const PULL_FIELDS = [
  'number',
  'title',
  'state',
  'draft',
  'author',
  'head',
  'base',
  'created_at',
  'updated_at',
  'url',
] as const;

export function compactCommit(c: Json) {
  return {
    sha: c.sha as string,
    message: oneLine(String(c.commit?.message ?? '').split('\n')[0], 120),
    author: c.author?.login ?? c.commit?.author?.name ?? 'unknown',
    date: c.commit?.author?.date as string,
    url: c.html_url as string,
  };
}
export const COMMIT_FIELDS = ['sha', 'message', 'author', 'date', 'url'] as const;

export function compactRepo(r: Json) {
  return {
    full_name: r.full_name as string,
    description: oneLine(r.description, 160),
    private: Boolean(r.private),
    fork: Boolean(r.fork),
    stars: (r.stargazers_count as number | undefined) ?? 0,
    language: (r.language as string | null | undefined) ?? null,
    default_branch: r.default_branch as string | undefined,
    updated_at: r.updated_at as string | undefined,
    url: r.html_url as string,
  };
}
export const REPO_FIELDS = [
  'full_name',
  'description',
  'private',
  'fork',
  'stars',
  'language',
  'default_branch',
  'updated_at',
  'url',
] as const;

export function compactUser(u: Json) {
  return { login: u.login as string, id: u.id as number, type: u.type as string, url: u.html_url as string };
}

export function compactComment(c: Json, body: string) {
  return {
    id: c.id as number,
    author: login(c.user),
    association: c.author_association as string,
    created_at: c.created_at as string,
    body,
    url: c.html_url as string,
  };
}

export const bodyText = (value: string | null | undefined) => sanitize(value).trim();

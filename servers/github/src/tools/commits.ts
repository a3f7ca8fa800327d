import { structured, untrusted, z } from '@bastion-mcp/runtime';
import { COMMIT_FIELDS, compactCommit } from '../lib/compact.js';
import { cleanRef } from '../lib/paths.js';
import { listResult } from '../lib/render.js';
import { sanitize } from '../lib/sanitize.js';
import {
  fieldsField,
  gh,
  inRepo,
  listPage,
  nextCursor,
  pageInput,
  pageOf,
  pick,
  repoInput,
  tool,
} from '../tool.js';

export const listCommits = tool({
  name: 'list_commits',
  title: 'List commits',
  description: 'Commits of a branch, tag or SHA, newest first: sha, first line of the message, author, date.',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({
    ...repoInput,
    sha: z
      .string()
      .max(255)
      .optional()
      .describe('Branch, tag or commit SHA to start from (default: the default branch)'),
    author: z.string().max(100).optional().describe('Only commits by this GitHub login or email'),
    fields: fieldsField(COMMIT_FIELDS),
    ...pageInput,
  }),
  async handle({ owner, repo, sha, author, fields, perPage, cursor }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const page = pageOf(cursor);
    const res = await gh(ctx, `commits of ${full}`, (api) =>
      api.rest.repos.listCommits({
        owner,
        repo,
        per_page: perPage,
        page,
        ...(sha ? { sha: cleanRef(sha, 'sha') } : {}),
        ...(author ? { author } : {}),
      }),
    );
    const items = res.data.map((c) => pick(compactCommit(c), fields));
    return listResult(
      `commits of ${full}`,
      items,
      (c) =>
        Object.values(c)
          .map((v) => (typeof v === 'string' && v.length === 40 ? v.slice(0, 10) : v))
          .join(' '),
      nextCursor(res.headers, page, items.length, perPage),
    );
  },
});

export const getCommit = tool({
  name: 'get_commit',
  title: 'Get a commit',
  description:
    'One commit: message, author, stats and its changed files (patches paged by file with perPage/cursor).',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({
    ...repoInput,
    sha: z.string().min(1).max(255).describe('Commit SHA, branch or tag'),
    include_diff: z.boolean().default(true).describe("Include each file's patch"),
    ...pageInput,
  }),
  async handle({ owner, repo, sha, include_diff, perPage, cursor }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const page = pageOf(cursor);
    const ref = cleanRef(sha, 'sha');
    const res = await gh(ctx, `commit ${ref} of ${full}`, (api) =>
      api.rest.repos.getCommit({ owner, repo, ref, per_page: perPage, page }),
    );
    const c = res.data;
    const files = (c.files ?? []).map((f) => ({
      filename: f.filename,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      ...(include_diff && f.patch ? { patch: sanitize(f.patch) } : {}),
    }));
    const next = nextCursor(res.headers, page, files.length, perPage);
    const summary = {
      ...compactCommit(c),
      message: sanitize(c.commit.message),
      stats: c.stats,
      files,
      ...(next ? { nextCursor: next } : {}),
    };
    const fileText = files
      .map(
        (f) =>
          `${f.status} ${f.filename} +${f.additions} -${f.deletions}${'patch' in f ? `\n${f.patch}` : ''}`,
      )
      .join('\n');
    const text = `${c.sha} by ${summary.author} on ${summary.date}\n${untrusted(`commit ${c.sha.slice(0, 10)} of ${full}`, `${summary.message}\n\n${fileText}`)}${next ? `\nMore files: call again with cursor "${next}".` : ''}`;
    return structured(summary, text);
  },
});

export const listTags = tool({
  name: 'list_tags',
  title: 'List tags',
  description: 'Tags of a repository with the commit each points to.',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({ ...repoInput, ...pageInput }),
  async handle({ owner, repo, perPage, cursor }, ctx) {
    return listPage(ctx, {
      source: `tags of ${inRepo(ctx, owner, repo)}`,
      perPage,
      cursor,
      send: (api, page) => api.rest.repos.listTags({ owner, repo, per_page: perPage, page }),
      compact: (t) => ({ name: t.name, sha: t.commit.sha }),
      line: (t) => `${t.name} ${t.sha.slice(0, 10)}`,
    });
  },
});

export const getTag = tool({
  name: 'get_tag',
  title: 'Get a tag',
  description: 'One tag: the object it points to (and the annotation, for annotated tags).',
  kind: 'read',
  openWorld: true,
  toolset: 'repos',
  input: z.object({ ...repoInput, tag: z.string().min(1).max(255).describe('Tag name') }),
  async handle({ owner, repo, tag }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const name = cleanRef(tag, 'tag');
    const { data: ref } = await gh(ctx, `tag ${name} of ${full}`, (api) =>
      api.rest.git.getRef({ owner, repo, ref: `tags/${name}` }),
    );
    if (ref.object.type !== 'tag') {
      return structured(
        { tag: name, sha: ref.object.sha, type: ref.object.type },
        `${name} -> ${ref.object.type} ${ref.object.sha} (lightweight tag)`,
      );
    }
    const { data } = await gh(ctx, `tag ${name} of ${full}`, (api) =>
      api.rest.git.getTag({ owner, repo, tag_sha: ref.object.sha }),
    );
    const message = sanitize(data.message);
    return structured(
      { tag: data.tag, sha: data.object.sha, type: data.object.type, tagger: data.tagger.name, message },
      `${data.tag} -> ${data.object.type} ${data.object.sha}, tagged by ${data.tagger.name}\n${untrusted(`tag ${name} of ${full}`, message)}`,
    );
  },
});

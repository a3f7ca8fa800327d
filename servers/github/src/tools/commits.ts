import { invalidInput, structured, untrusted, z } from '@bastion-mcp/runtime';
import { COMMIT_FIELDS, compactCommit } from '../lib/compact.js';
import { cleanRef } from '../lib/paths.js';
import { listResult } from '../lib/render.js';
import { sanitize } from '../lib/sanitize.js';
import { fieldsField, gh, inRepo, nextCursor, pageInput, pageOf, pick, repoInput, tool } from '../tool.js';

// github-mcp-server takes YYYY-MM-DD as well; GitHub's REST API wants a full timestamp.
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const isoDate = (what: string) =>
  z
    .string()
    .regex(DATE, 'Use an ISO 8601 date: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ')
    .optional()
    .describe(`${what} (ISO 8601: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)`);
/** A bare date becomes the start (or, for `until`, the end) of that day in UTC. */
const asTimestamp = (date: string, end = false) =>
  date.length === 10 ? `${date}T${end ? '23:59:59' : '00:00:00'}Z` : date;

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
    path: z.string().min(1).max(4096).optional().describe('Only commits that touch this file path'),
    since: isoDate('Only commits at or after this time'),
    until: isoDate('Only commits at or before this time'),
    fields: fieldsField(COMMIT_FIELDS),
    ...pageInput,
  }),
  async handle({ owner, repo, sha, author, path, since, until, fields, perPage, cursor }, ctx) {
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
        ...(path ? { path } : {}),
        ...(since ? { since: asTimestamp(since) } : {}),
        ...(until ? { until: asTimestamp(until, true) } : {}),
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
    include_diff: z.boolean().optional().describe("Include each file's patch (default true)"),
    detail: z
      .enum(['none', 'stats', 'full_patch'])
      .optional()
      .describe("github-mcp-server's spelling: none (no files), stats (files without patches) or full_patch"),
    ...pageInput,
  }),
  async handle({ owner, repo, sha, include_diff, detail, perPage, cursor }, ctx) {
    const full = inRepo(ctx, owner, repo);
    if (detail && include_diff !== undefined)
      throw invalidInput('detail and include_diff were both given.', 'Pass one of them.');
    const level = detail ?? (include_diff === false ? 'stats' : 'full_patch');
    const page = pageOf(cursor);
    const ref = cleanRef(sha, 'sha');
    const res = await gh(ctx, `commit ${ref} of ${full}`, (api) =>
      api.rest.repos.getCommit({ owner, repo, ref, per_page: perPage, page }),
    );
    const c = res.data;
    const files = (level === 'none' ? [] : (c.files ?? [])).map((f) => ({
      filename: f.filename,
      status: f.status,
      additions: f.additions,
      deletions: f.deletions,
      ...(level === 'full_patch' && f.patch ? { patch: sanitize(f.patch) } : {}),
    }));
    const next = level === 'none' ? undefined : nextCursor(res.headers, page, files.length, perPage);
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

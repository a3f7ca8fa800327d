import { accessDenied, structured, untrusted, z } from '@bastion-mcp/runtime';
import { listResult, writeResult } from '../lib/render.js';
import { oneLine, sanitize } from '../lib/sanitize.js';
import { type Ctx, gh, nextCursor, pageInput, pageOf, tool } from '../tool.js';

/** A gist is a way out of the named repositories: under --repos, gist writes are refused. */
function checkGistWrite(ctx: Ctx) {
  if (ctx.state.policy.restricted)
    throw accessDenied(
      'gists are outside --repos: writing one could copy data out of the allowed repositories.',
      'Run the server without --repos to write gists.',
    );
}

const gistId = z
  .string()
  .regex(/^[0-9a-f]{1,64}$/i)
  .describe('Gist ID');

export const listGists = tool({
  name: 'list_gists',
  title: 'List gists',
  description: 'Your gists: ID, description, files, visibility.',
  kind: 'read',
  openWorld: true,
  toolset: 'gists',
  input: z.object({
    since: z.string().datetime({ offset: true }).optional().describe('Only updated after this ISO 8601 time'),
    ...pageInput,
  }),
  async handle({ since, perPage, cursor }, ctx) {
    const page = pageOf(cursor);
    const res = await gh(ctx, 'your gists', (api) =>
      api.rest.gists.list({ per_page: perPage, page, ...(since ? { since } : {}) }),
    );
    const items = res.data.map((g) => ({
      id: g.id,
      description: oneLine(g.description),
      public: g.public,
      files: Object.keys(g.files),
      url: g.html_url,
    }));
    return listResult(
      'your gists',
      items,
      (g) => `${g.id} ${g.public ? 'public' : 'secret'} ${g.description} [${g.files.join(', ')}]`,
      nextCursor(res.headers, page, items.length, perPage),
    );
  },
});

export const getGist = tool({
  name: 'get_gist',
  title: 'Get a gist',
  description: "A gist's files and their contents (untrusted data).",
  kind: 'read',
  openWorld: true,
  toolset: 'gists',
  input: z.object({ gist_id: gistId }),
  async handle({ gist_id }, ctx) {
    const { data } = await gh(ctx, `gist ${gist_id}`, (api) => api.rest.gists.get({ gist_id }));
    const files = Object.values(data.files ?? {}).map((f) => ({
      filename: f?.filename ?? '',
      size: f?.size ?? 0,
      content: sanitize(f?.content ?? ''),
    }));
    const text = files.map((f) => `--- ${f.filename} (${f.size} B)\n${f.content}`).join('\n');
    return structured(
      { id: data.id, description: oneLine(data.description), public: data.public, files, url: data.html_url },
      `Gist ${data.id}: ${oneLine(data.description)}\n${untrusted(`gist ${data.id}`, text)}`,
    );
  },
});

const filesField = z
  .record(z.string().min(1).max(255), z.string().max(1_000_000))
  .describe('File name -> content');

export const createGist = tool({
  name: 'create_gist',
  title: 'Create a gist',
  description: 'Create a gist (secret unless public). Refused under --repos.',
  kind: 'write',
  openWorld: true,
  toolset: 'gists',
  input: z.object({
    files: filesField,
    description: z.string().max(1000).optional().describe('Description'),
    public: z.boolean().default(false).describe('Public gist'),
  }),
  async handle(input, ctx) {
    checkGistWrite(ctx);
    const files = Object.fromEntries(
      Object.entries(input.files).map(([name, content]) => [name, { content }]),
    );
    const { data } = await gh(ctx, 'new gist', (api) =>
      api.rest.gists.create({
        files,
        public: input.public,
        ...(input.description ? { description: input.description } : {}),
      }),
    );
    return writeResult('Created gist', { id: data.id ?? '', url: data.html_url ?? '' });
  },
});

export const updateGist = tool({
  name: 'update_gist',
  title: 'Update a gist',
  description: 'Replace files of one of your gists or its description. Refused under --repos.',
  kind: 'write',
  openWorld: true,
  toolset: 'gists',
  input: z.object({
    gist_id: gistId,
    files: filesField.optional(),
    description: z.string().max(1000).optional().describe('New description'),
  }),
  async handle(input, ctx) {
    checkGistWrite(ctx);
    const files = input.files
      ? Object.fromEntries(Object.entries(input.files).map(([name, content]) => [name, { content }]))
      : undefined;
    const { data } = await gh(ctx, `gist ${input.gist_id}`, (api) =>
      api.rest.gists.update({
        gist_id: input.gist_id,
        ...(files ? { files } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      }),
    );
    return writeResult('Updated gist', { id: data.id ?? input.gist_id, url: data.html_url ?? '' });
  },
});

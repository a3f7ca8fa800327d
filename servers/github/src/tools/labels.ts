import { invalidInput, z } from '@bastion-mcp/runtime';
import { writeResult } from '../lib/render.js';
import { oneLine } from '../lib/sanitize.js';
import { gh, inRepo, listPage, pageInput, repoInput, tool, webUrl } from '../tool.js';

export const listLabel = tool({
  name: 'list_label',
  title: 'List labels',
  description: 'Labels of a repository: name, colour, description.',
  kind: 'read',
  openWorld: true,
  toolset: 'labels',
  input: z.object({ ...repoInput, ...pageInput }),
  async handle({ owner, repo, perPage, cursor }, ctx) {
    return listPage(ctx, {
      source: `labels of ${inRepo(ctx, owner, repo)}`,
      perPage,
      cursor,
      send: (api, page) => api.rest.issues.listLabelsForRepo({ owner, repo, per_page: perPage, page }),
      compact: (l) => ({ name: l.name, color: l.color, description: oneLine(l.description) }),
      line: (l) => `${l.name} #${l.color}${l.description ? `: ${l.description}` : ''}`,
    });
  },
});

export const labelWrite = tool({
  name: 'label_write',
  title: 'Create, update or delete a label',
  description: 'method create (name, color), update (name; new_name, color, description) or delete (name).',
  kind: 'destructive',
  openWorld: true,
  toolset: 'labels',
  input: z.object({
    method: z.enum(['create', 'update', 'delete']).describe('What to do'),
    ...repoInput,
    name: z.string().min(1).max(100).describe('Label name (the existing one for update and delete)'),
    new_name: z.string().min(1).max(100).optional().describe('New name (update)'),
    color: z
      .string()
      .regex(/^#?[0-9a-f]{6}$/i)
      .optional()
      .describe('Colour as six hex digits, e.g. d73a4a'),
    description: z.string().max(100).optional().describe('Short description'),
  }),
  async handle(input, ctx) {
    const { owner, repo, method, name } = input;
    const full = inRepo(ctx, owner, repo);
    const color = input.color?.replace(/^#/, '');
    const url = webUrl(ctx, `${full}/labels`);
    const what = `label "${name}" of ${full}`;
    if (method === 'delete') {
      await gh(ctx, what, (api) => api.rest.issues.deleteLabel({ owner, repo, name }));
      return writeResult(`Deleted label ${name}`, { id: name, url });
    }
    if (method === 'create') {
      if (!color)
        throw invalidInput('color is required to create a label.', 'Pass six hex digits, e.g. d73a4a.');
      const { data } = await gh(ctx, what, (api) =>
        api.rest.issues.createLabel({
          owner,
          repo,
          name,
          color,
          ...(input.description ? { description: input.description } : {}),
        }),
      );
      return writeResult(`Created label ${data.name}`, { id: data.id, url });
    }
    const { data } = await gh(ctx, what, (api) =>
      api.rest.issues.updateLabel({
        owner,
        repo,
        name,
        ...(input.new_name ? { new_name: input.new_name } : {}),
        ...(color ? { color } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      }),
    );
    return writeResult(`Updated label ${data.name}`, { id: data.id, url });
  },
});

import { invalidInput, text, z } from '@bastion-mcp/runtime';
import { assertParentsInside, destination, insideParents, uploadOptions } from '../lib/placement.js';
import { fileFor, fileIdField, tool, withDrive } from '../tool.js';

export const updateFile = tool({
  name: 'update_file',
  title: 'Update a file',
  description:
    'Rename a file and/or replace its content (text; a Google Doc takes Markdown or text and converts it).',
  kind: 'write',
  openWorld: true,
  toolset: 'write',
  input: z.object({
    fileId: fileIdField,
    name: z.string().trim().min(1).max(1000).optional().describe('New name'),
    content: z.string().optional().describe('New content (replaces the old)'),
    contentType: z
      .enum(['text/plain', 'text/markdown', 'text/csv', 'application/json'])
      .default('text/plain')
      .describe('MIME type of content'),
  }),
  async handle(input, ctx) {
    if (input.name === undefined && input.content === undefined)
      throw invalidInput('Give name, content or both.');
    const file = await fileFor(ctx, 'fileId', input.fileId, 'id,name,mimeType,parents,driveId');
    if (file.mimeType === 'application/vnd.google-apps.folder' && input.content !== undefined)
      throw invalidInput('fileId: a folder has no content.', 'Pass name only.');
    const updated = await withDrive(ctx, `file ${file.id}`, async (g) => {
      const res = await g.drive.files.update(
        {
          fileId: file.id as string,
          supportsAllDrives: true,
          fields: 'id,name,modifiedTime',
          ...(input.name ? { requestBody: { name: input.name } } : {}),
          ...(input.content !== undefined
            ? { media: { mimeType: input.contentType, body: input.content } }
            : {}),
        },
        uploadOptions(g.rootUrl, ctx.signal),
      );
      return res.data;
    });
    return text(`Updated file ${updated.id}, modified ${updated.modifiedTime}.`);
  },
});

export const copyFile = tool({
  name: 'copy_file',
  title: 'Copy a file',
  description: 'Copy a file, optionally renamed and into another folder (default: beside the original).',
  kind: 'write',
  openWorld: true,
  toolset: 'write',
  input: z.object({
    fileId: fileIdField,
    name: z.string().trim().min(1).max(1000).optional().describe('Name of the copy; default "Copy of ..."'),
    parentId: z.string().optional().describe('Folder for the copy; default the original folder'),
  }),
  async handle(input, ctx) {
    const file = await fileFor(ctx, 'fileId', input.fileId, 'id,name,parents');
    // Without parentId Drive would copy into every parent of the original, including one outside
    // --roots: under roots, name the parents inside explicitly.
    const parents = input.parentId
      ? [await destination(ctx, input.parentId)]
      : ctx.state.confinement.active
        ? await insideParents(ctx, file.parents ?? [])
        : undefined;
    const copy = await withDrive(ctx, `file ${file.id}`, async (g) => {
      const res = await g.drive.files.copy(
        {
          fileId: file.id as string,
          supportsAllDrives: true,
          fields: 'id,name,parents',
          requestBody: {
            ...(input.name ? { name: input.name } : {}),
            ...(parents ? { parents } : {}),
          },
        },
        { signal: ctx.signal },
      );
      return res.data;
    });
    return text(`Copied ${file.id} to a new file (id ${copy.id}) in ${copy.parents?.join(', ')}.`);
  },
});

export const moveFile = tool({
  name: 'move_file',
  title: 'Move a file',
  description: 'Move a file or folder into another folder.',
  kind: 'write',
  openWorld: true,
  toolset: 'write',
  input: z.object({
    fileId: fileIdField,
    parentId: z.string().min(1).describe('Destination folder id or link'),
  }),
  async handle(input, ctx) {
    const file = await fileFor(ctx, 'fileId', input.fileId, 'id,name,parents,driveId');
    const parent = await destination(ctx, input.parentId);
    const from = file.parents ?? [];
    await assertParentsInside(ctx, from);
    if (parent === file.id) throw invalidInput('parentId: a folder cannot go inside itself.');
    const moved = await withDrive(ctx, `file ${file.id}`, async (g) => {
      const res = await g.drive.files.update(
        {
          fileId: file.id as string,
          addParents: parent,
          removeParents: from.join(','),
          supportsAllDrives: true,
          fields: 'id,name,parents',
        },
        { signal: ctx.signal },
      );
      return res.data;
    });
    ctx.state.confinement.forget(file.id as string);
    return text(`Moved file ${moved.id} from ${from.join(', ') || '(none)'} to ${parent}.`);
  },
});

export const trashFile = tool({
  name: 'trash_file',
  title: 'Move a file to the trash',
  description:
    'Move a file or folder to the trash (restorable for 30 days; this server never deletes permanently).',
  kind: 'destructive',
  openWorld: true,
  toolset: 'write',
  input: z.object({ fileId: fileIdField }),
  async handle(input, ctx) {
    const file = await fileFor(ctx, 'fileId', input.fileId, 'id,name,parents,driveId');
    await withDrive(ctx, `file ${file.id}`, (g) =>
      g.drive.files.update(
        { fileId: file.id as string, supportsAllDrives: true, requestBody: { trashed: true }, fields: 'id' },
        { signal: ctx.signal },
      ),
    );
    return text(`Moved file ${file.id} to the trash. It can be restored from the Drive trash for 30 days.`);
  },
});

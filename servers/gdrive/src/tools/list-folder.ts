import {
  cursorField,
  decodeCursor,
  encodeCursor,
  invalidInput,
  structured,
  untrusted,
  z,
} from '@bastion-mcp/runtime';
import { fileLine, fileSummary } from '../lib/format.js';
import { quote } from '../lib/query.js';
import { folderFor, listFiles, tool } from '../tool.js';

const pageCursor = z.object({ t: z.string(), f: z.string() });

export const listFolder = tool({
  name: 'list_folder',
  title: 'List a folder',
  description:
    'List what a folder or shared drive holds, folders first then by name, paged. Without folderId: My Drive (or, with --roots, the roots themselves).',
  kind: 'read',
  openWorld: true,
  input: z.object({
    folderId: z
      .string()
      .optional()
      .describe('Folder id, shared drive id or Drive link; default My Drive (or the roots)'),
    orderBy: z
      .enum(['folder,name', 'folder,modifiedTime desc', 'name', 'modifiedTime desc'])
      .default('folder,name')
      .describe('Sort order'),
    includeTrashed: z.boolean().default(false).describe('Include items in the trash'),
    pageSize: z.number().int().min(1).max(200).default(50).describe('Items per page'),
    cursor: cursorField,
  }),
  async handle(input, ctx) {
    const { confinement } = ctx.state;
    if (!input.folderId && confinement.active) {
      const roots = [...confinement.roots];
      return structured(
        { roots },
        `This server is confined to these roots (folder or shared drive ids); list one with folderId:\n${roots.join('\n')}`,
      );
    }
    const { id: folderId, note } = input.folderId
      ? await folderFor(ctx, 'folderId', input.folderId)
      : { id: 'root', note: '' };
    const previous = decodeCursor(input.cursor, pageCursor);
    if (previous && previous.f !== folderId)
      throw invalidInput('cursor belongs to another folder.', 'Omit cursor, or list the same folder.');
    const q = `${quote(folderId)} in parents${input.includeTrashed ? '' : ' and trashed = false'}`;
    const { files, nextPageToken } = await listFiles(ctx, `folder ${folderId}`, {
      q,
      orderBy: input.orderBy,
      pageSize: input.pageSize,
      pageToken: previous?.t,
    });
    const next = nextPageToken ? encodeCursor({ t: nextPageToken, f: folderId }) : undefined;
    const body = files.length
      ? untrusted(`Google Drive folder ${folderId}`, files.map(fileLine).join('\n'))
      : 'The folder is empty.';
    return structured(
      { files: files.map(fileSummary), ...(next ? { nextCursor: next } : {}) },
      `${note}${body}${next ? `\nMore: call list_folder with cursor "${next}".` : ''}`,
    );
  },
});

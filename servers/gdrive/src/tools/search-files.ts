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
import { toFileId } from '../lib/ids.js';
import { FRIENDLY_TYPE_NAMES, searchQuery } from '../lib/query.js';
import { insideClause, rootFolders } from '../lib/root-tree.js';
import { folderFor, listFiles, tool } from '../tool.js';

const ORDERS = [
  'modifiedTime desc',
  'modifiedTime',
  'name',
  'name desc',
  'createdTime desc',
  'createdTime',
] as const;
const pageCursor = z.object({ t: z.string(), q: z.string() });
const date = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/,
    'an RFC 3339 date, e.g. 2026-01-31 or 2026-01-31T12:00:00Z',
  );

export const searchFiles = tool({
  name: 'search_files',
  title: 'Search Drive',
  description:
    'Search files by full text, name, type, folder, dates, owner or shared drive (shared drives included). Lists id, name, type, modified time, owner, size and link; page with cursor.',
  kind: 'read',
  openWorld: true,
  aliases: ['search'],
  input: z.object({
    text: z.string().min(1).optional().describe('Words to find in file contents and names (full text)'),
    query: z.string().min(1).optional().describe("Same as text (the reference server's field name)"),
    name: z.string().min(1).optional().describe('Text the file name contains'),
    type: z
      .enum(FRIENDLY_TYPE_NAMES)
      .optional()
      .describe('Kind of file: document, spreadsheet, presentation, pdf, folder, image, ...'),
    mimeType: z.string().min(1).optional().describe('Exact MIME type (instead of type)'),
    folderId: z.string().optional().describe('Only direct children of this folder (id or Drive link)'),
    modifiedAfter: date.optional().describe('Only files modified after this date (RFC 3339)'),
    modifiedBefore: date.optional().describe('Only files modified before this date (RFC 3339)'),
    owner: z.string().min(1).optional().describe('Owner email address, or "me"'),
    sharedDriveId: z.string().optional().describe('Only this shared drive (list_shared_drives shows ids)'),
    includeTrashed: z.boolean().default(false).describe('Include files in the trash'),
    orderBy: z.enum(ORDERS).default('modifiedTime desc').describe('Sort order'),
    pageSize: z.number().int().min(1).max(100).default(25).describe('Files per page'),
    cursor: cursorField,
  }),
  async handle(input, ctx) {
    const folder = input.folderId ? await folderFor(ctx, 'folderId', input.folderId) : undefined;
    const folderId = folder?.id;
    const driveId = input.sharedDriveId ? toFileId('sharedDriveId', input.sharedDriveId) : undefined;
    if (input.type && input.mimeType) throw invalidInput('type and mimeType: give one, not both.');
    const q = searchQuery({ ...input, text: input.text ?? input.query, folderId });
    const previous = decodeCursor(input.cursor, pageCursor);
    if (previous && previous.q !== q)
      throw invalidInput(
        'cursor belongs to a different search.',
        'Repeat the same filters with the cursor, or omit it.',
      );
    // Under --roots, a small tree confines the query itself, so pages are not thinned by the filter.
    const tree = folderId ? undefined : await rootFolders(ctx);
    const { files, hidden, nextPageToken } = await listFiles(ctx, 'search', {
      q: tree ? `${q} and ${insideClause(tree)}` : q,
      pageSize: input.pageSize,
      orderBy: input.orderBy,
      driveId,
      pageToken: previous?.t,
    });
    const next = nextPageToken ? encodeCursor({ t: nextPageToken, q }) : undefined;
    const lines = [
      folder?.note.trim() ?? '',
      files.length ? untrusted('Google Drive file names', files.map(fileLine).join('\n')) : 'No files found.',
      hidden ? `${hidden} result(s) outside the allowed roots were left out.` : '',
      next ? `More results: call search_files again with the same filters and cursor "${next}".` : '',
    ];
    return structured(
      { files: files.map(fileSummary), ...(next ? { nextCursor: next } : {}) },
      lines.filter(Boolean).join('\n'),
    );
  },
});

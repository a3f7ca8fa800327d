import { cursorField, decodeCursor, encodeCursor, structured, untrusted, z } from '@bastion-mcp/runtime';
import { fileLine, fileSummary } from '../lib/format.js';
import { FILE_FIELDS, insideOnly, tool, withDrive } from '../tool.js';

const pageCursor = z.object({ t: z.string() });

export const listRecentFiles = tool({
  name: 'list_recent_files',
  title: 'Recently modified files',
  description:
    'List the most recently modified files (folders left out), newest first, shared drives included.',
  kind: 'read',
  openWorld: true,
  input: z.object({
    pageSize: z.number().int().min(1).max(100).default(20).describe('Files per page'),
    cursor: cursorField,
  }),
  async handle(input, ctx) {
    const previous = decodeCursor(input.cursor, pageCursor);
    const res = await withDrive(ctx, 'recent files', (g) =>
      g.drive.files.list(
        {
          q: "trashed = false and mimeType != 'application/vnd.google-apps.folder'",
          orderBy: 'modifiedTime desc',
          pageSize: input.pageSize,
          fields: `nextPageToken,files(${FILE_FIELDS})`,
          supportsAllDrives: true,
          includeItemsFromAllDrives: true,
          corpora: 'allDrives',
          ...(previous ? { pageToken: previous.t } : {}),
        },
        { signal: ctx.signal },
      ),
    );
    const files = await withDrive(ctx, 'recent files', () => insideOnly(ctx, res.data.files ?? []));
    const next = res.data.nextPageToken ? encodeCursor({ t: res.data.nextPageToken }) : undefined;
    return structured(
      { files: files.map(fileSummary), ...(next ? { nextCursor: next } : {}) },
      `${files.length ? untrusted('Google Drive file names', files.map(fileLine).join('\n')) : 'No files.'}${next ? `\nMore: cursor "${next}".` : ''}`,
    );
  },
});

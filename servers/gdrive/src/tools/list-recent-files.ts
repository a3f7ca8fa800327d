import { cursorField, decodeCursor, encodeCursor, structured, untrusted, z } from '@bastion-mcp/runtime';
import { fileLine, fileSummary } from '../lib/format.js';
import { listFiles, RECENT_FILES_Q, tool } from '../tool.js';

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
    const { files, hidden, nextPageToken } = await listFiles(ctx, 'recent files', {
      q: RECENT_FILES_Q,
      orderBy: 'modifiedTime desc',
      pageSize: input.pageSize,
      pageToken: previous?.t,
    });
    const next = nextPageToken ? encodeCursor({ t: nextPageToken }) : undefined;
    return structured(
      { files: files.map(fileSummary), ...(next ? { nextCursor: next } : {}) },
      [
        files.length ? untrusted('Google Drive file names', files.map(fileLine).join('\n')) : 'No files.',
        hidden ? `${hidden} file(s) outside the allowed roots were left out.` : '',
        next ? `More: cursor "${next}".` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  },
});

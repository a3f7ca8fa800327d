import { cursorField, decodeCursor, encodeCursor, structured, untrusted, z } from '@bastion-mcp/runtime';
import { tool, withDrive } from '../tool.js';

const pageCursor = z.object({ t: z.string() });

export const listSharedDrives = tool({
  name: 'list_shared_drives',
  title: 'List shared drives',
  description:
    'List the shared drives this account belongs to (with --roots, only those that are roots). Use an id as sharedDriveId or folderId.',
  kind: 'read',
  openWorld: true,
  input: z.object({
    pageSize: z.number().int().min(1).max(100).default(50).describe('Drives per page'),
    cursor: cursorField,
  }),
  async handle(input, ctx) {
    const previous = decodeCursor(input.cursor, pageCursor);
    const res = await withDrive(ctx, 'shared drives', (g) =>
      g.drive.drives.list(
        {
          pageSize: input.pageSize,
          fields: 'nextPageToken,drives(id,name,createdTime)',
          ...(previous ? { pageToken: previous.t } : {}),
        },
        { signal: ctx.signal },
      ),
    );
    const { confinement } = ctx.state;
    const drives = (res.data.drives ?? []).filter(
      (d) => !confinement.active || confinement.roots.has(d.id ?? ''),
    );
    const next = res.data.nextPageToken ? encodeCursor({ t: res.data.nextPageToken }) : undefined;
    const lines = drives.map((d) => `${d.name} | id ${d.id}`);
    return structured(
      {
        drives: drives.map((d) => ({ id: d.id ?? '', name: d.name ?? '' })),
        ...(next ? { nextCursor: next } : {}),
      },
      `${lines.length ? untrusted('Google Drive shared drive names', lines.join('\n')) : 'No shared drives.'}${next ? `\nMore: cursor "${next}".` : ''}`,
    );
  },
});

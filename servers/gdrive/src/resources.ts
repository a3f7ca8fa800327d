import type { ResourceContents, ResourceSpec } from '@bastion-mcp/runtime';
import {
  downloadBytes,
  EXPORT_AS,
  exportBytes,
  FOLDER,
  GOOGLE_DRAWING,
  isTextual,
  MAX_TEXT_BYTES,
} from './lib/content.js';
import { toFileId } from './lib/ids.js';
import { fileFor, type GdriveState, listFiles, RECENT_FILES_Q, resolveShortcut, withDrive } from './tool.js';

/** How many files one resources/list answer names. */
const LIST_PAGE = 100;

/**
 * gdrive:///<fileId>, with the reference's shapes: Docs as Markdown, Sheets as CSV (first sheet),
 * Slides as text, Drawings as PNG, other files as their bytes (text, or a blob). The list pages
 * through files by recency when a client asks, never at start-up; --no-list-resources turns it off.
 */
export const fileResource: ResourceSpec<GdriveState> = {
  name: 'drive-file',
  title: 'Google Drive file',
  description:
    'A Drive file by id: Docs as Markdown, Sheets as CSV, Slides as text, Drawings as PNG, others as-is',
  template: 'gdrive:///{fileId}',
  list: async (ctx, cursor) => {
    if (!ctx.state.listResources) return { resources: [] };
    const { files, nextPageToken } = await listFiles(ctx, 'resources/list', {
      q: RECENT_FILES_Q,
      orderBy: 'modifiedTime desc',
      pageSize: LIST_PAGE,
      pageToken: cursor,
    });
    const resources = files.map((f) => ({
      uri: `gdrive:///${f.id}`,
      name: f.name ?? f.id ?? '',
      mimeType: f.mimeType ?? '',
    }));
    return nextPageToken ? { resources, nextCursor: nextPageToken } : { resources };
  },
  read: async (uri, variables, ctx): Promise<ResourceContents[]> => {
    const raw = String(variables.fileId ?? '');
    const id = toFileId('uri', decodeURIComponent(raw));
    const { file } = await resolveShortcut(ctx, 'uri', await fileFor(ctx, 'uri', id));
    const mime = file.mimeType ?? '';
    const target = file.id as string;
    if (mime === FOLDER) throw new Error(`${uri.href} is a folder; resources are files`);
    const exportAs = EXPORT_AS[mime];
    if (exportAs) {
      const bytes = await withDrive(ctx, uri.href, (g) => exportBytes(g, target, exportAs, ctx.signal));
      return mime === GOOGLE_DRAWING
        ? [{ uri: uri.href, mimeType: exportAs, blob: bytes.toString('base64') }]
        : [{ uri: uri.href, mimeType: exportAs, text: bytes.toString('utf8') }];
    }
    if (Number(file.size ?? 0) > MAX_TEXT_BYTES)
      throw new Error(
        `${uri.href} is ${file.size} bytes, over the 10 MB resource limit; use read_file with --output-dir`,
      );
    const bytes = await withDrive(ctx, uri.href, (g) => downloadBytes(g, target, ctx.signal));
    return isTextual(mime)
      ? [{ uri: uri.href, mimeType: mime, text: bytes.toString('utf8') }]
      : [{ uri: uri.href, mimeType: mime, blob: bytes.toString('base64') }];
  },
};

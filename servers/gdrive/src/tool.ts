import { accessDenied, invalidInput, type ToolContext, toolsFor, z } from '@bastion-mcp/runtime';
import type { drive_v3 } from '@googleapis/drive';
import { driveError } from './lib/errors.js';
import type { Google } from './lib/google.js';
import { toFileId } from './lib/ids.js';
import type { Confinement } from './lib/roots.js';

/** What every gdrive handler finds in `ctx.state`. */
export interface GdriveState {
  /** The Google clients, created on the first call that needs them. */
  google(): Promise<Google>;
  confinement: Confinement;
  /** Where large or binary files are downloaded (--output-dir), realpath'd at start. */
  outputDir?: string | undefined;
  /** Characters of file text one read_file answer may carry. */
  maxChars: number;
  maxImageBytes: number;
  listResources: boolean;
}

export const tool = toolsFor<GdriveState>();

/** The input field every per-file tool takes (a URL is reduced to the id by fileFor). */
export const fileIdField = z.string().min(1).describe('File id or Drive/Docs link');
export type Ctx = Pick<ToolContext<GdriveState>, 'state' | 'signal'>;

/** Fields worth having for any file we show or check. */
export const FILE_FIELDS =
  'id,name,mimeType,size,modifiedTime,createdTime,owners(displayName,emailAddress),parents,driveId,webViewLink,trashed,shortcutDetails';

/** Runs one Google call with the clients, turning failures into ToolErrors about `what`. */
export async function withDrive<T>(ctx: Ctx, what: string, run: (g: Google) => Promise<T>): Promise<T> {
  let google: Google | undefined;
  try {
    google = await ctx.state.google();
    return await run(google);
  } catch (error) {
    throw driveError(error, what, google?.source);
  }
}

/** Refuses `id` unless it lies under --roots (checked on its real parents, cached). */
export async function assertInside(ctx: Ctx, field: string, id: string): Promise<void> {
  const allowed = await withDrive(ctx, `${field} ${id}`, () => ctx.state.confinement.allows(id));
  if (!allowed)
    throw accessDenied(
      `${field}: ${id} is outside the folders this server may use (--roots), or does not exist.`,
      'Use a file inside the configured roots; search_files and list_folder only show those.',
    );
}

/** Reads a file id field: URL reduced to the id, confinement checked, metadata fetched. */
export async function fileFor(ctx: Ctx, field: string, value: string, fields = FILE_FIELDS) {
  const id = toFileId(field, value);
  await assertInside(ctx, field, id);
  const file = await withDrive(ctx, `${field} ${id}`, async (g) => {
    const res = await g.drive.files.get(
      { fileId: id, fields, supportsAllDrives: true },
      { signal: ctx.signal },
    );
    return res.data;
  });
  remember(ctx, file);
  return file;
}

/** Follows a shortcut to its target (checked against the roots too); says so in `note`. */
export async function resolveShortcut(ctx: Ctx, field: string, file: drive_v3.Schema$File) {
  const target = file.shortcutDetails?.targetId;
  if (file.mimeType !== 'application/vnd.google-apps.shortcut' || !target) return { file, note: '' };
  const resolved = await fileFor(ctx, `${field} (shortcut target)`, target);
  return { file: resolved, note: `Shortcut ${file.id} followed to its target ${target}.\n` };
}

/** Reads a folder id field (a shortcut to a folder is followed); refuses anything but a folder. */
export async function folderFor(ctx: Ctx, field: string, value: string) {
  const found = await fileFor(ctx, field, value, 'id,name,mimeType,parents,driveId,shortcutDetails');
  const { file, note } = await resolveShortcut(ctx, field, found);
  if (file.mimeType !== 'application/vnd.google-apps.folder')
    throw invalidInput(
      `${field}: ${file.id} is not a folder.`,
      'Pass a folder id (list_folder and search_files with type=folder show them).',
    );
  return { id: file.id as string, note };
}

export function remember(ctx: Ctx, file: drive_v3.Schema$File): void {
  if (file.id && file.parents)
    ctx.state.confinement.remember(file.id, { parents: file.parents, driveId: file.driveId ?? undefined });
}

/** Keeps only files under --roots (a list answer checked again, never trusting the query). */
export async function insideOnly(ctx: Ctx, files: drive_v3.Schema$File[]): Promise<drive_v3.Schema$File[]> {
  if (!ctx.state.confinement.active) return files;
  for (const f of files) remember(ctx, f);
  const keep = await Promise.all(files.map((f) => (f.id ? ctx.state.confinement.allows(f.id) : false)));
  return files.filter((_, i) => keep[i]);
}

/** Files that are not folders and not in the trash (recent files, resources/list). */
export const RECENT_FILES_Q = "trashed = false and mimeType != 'application/vnd.google-apps.folder'";

interface ListRequest {
  q: string;
  orderBy: string;
  pageSize: number;
  pageToken?: string | undefined;
  /** One shared drive only; default every drive the account sees. */
  driveId?: string | undefined;
}

/** One page of files.list across all drives (or one), the answer checked again against --roots. */
export async function listFiles(ctx: Ctx, what: string, req: ListRequest) {
  const { pageToken, driveId, ...rest } = req;
  const res = await withDrive(ctx, what, (g) =>
    g.drive.files.list(
      {
        ...rest,
        fields: `nextPageToken,files(${FILE_FIELDS})`,
        supportsAllDrives: true,
        includeItemsFromAllDrives: true,
        corpora: driveId ? 'drive' : 'allDrives',
        ...(driveId ? { driveId } : {}),
        ...(pageToken ? { pageToken } : {}),
      },
      { signal: ctx.signal },
    ),
  );
  const found = res.data.files ?? [];
  const files = await withDrive(ctx, what, () => insideOnly(ctx, found));
  return { files, hidden: found.length - files.length, nextPageToken: res.data.nextPageToken ?? undefined };
}

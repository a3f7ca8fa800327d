import { structured, untrusted, z } from '@bastion-mcp/runtime';
import type { drive_v3 } from '@googleapis/drive';
import { humanSize } from '../lib/format.js';
import { friendlyType } from '../lib/query.js';
import { type Ctx, fileFor, fileIdField, tool, withDrive } from '../tool.js';

const FIELDS =
  'id,name,mimeType,size,createdTime,modifiedTime,description,starred,trashed,shared,owners(displayName,emailAddress),lastModifyingUser(displayName,emailAddress),parents,driveId,webViewLink,shortcutDetails,capabilities(canEdit,canComment,canShare,canDownload,canCopy,canTrash),permissionIds';

export const getFileMetadata = tool({
  name: 'get_file_metadata',
  title: 'File details',
  description:
    'Details of one file: type, size, dates, owners, the path of parent folders, who it is shared with (summary), what you can do with it, revision count and link.',
  kind: 'read',
  openWorld: true,
  input: z.object({ fileId: fileIdField }),
  async handle(input, ctx) {
    const file = await fileFor(ctx, 'fileId', input.fileId, FIELDS);
    const id = file.id as string;
    const [path, perms, revisions] = await withDrive(ctx, `file ${id}`, (g) =>
      Promise.all([
        folderPath(ctx, g.drive, file),
        g.drive.permissions
          .list(
            { fileId: id, supportsAllDrives: true, fields: 'permissions(role,type)' },
            { signal: ctx.signal },
          )
          .then((r) => r.data.permissions ?? [])
          .catch(() => undefined),
        g.drive.revisions
          .list({ fileId: id, fields: 'revisions(id)', pageSize: 1000 }, { signal: ctx.signal })
          .then((r) => r.data.revisions?.length ?? 0)
          .catch(() => undefined),
      ]),
    );
    const sharing = perms ? summarize(perms) : 'unknown (no access to the sharing list)';
    const can = Object.entries(file.capabilities ?? {})
      .filter(([, v]) => v)
      .map(([k]) => k.replace(/^can/, '').toLowerCase());
    const lines = [
      `name: ${file.name}`,
      `id: ${id}`,
      `type: ${friendlyType(file.mimeType)} (${file.mimeType})`,
      file.size ? `size: ${humanSize(file.size)} (${file.size} bytes)` : '',
      `path: ${path.join(' / ') || '(no parent visible)'}`,
      file.driveId ? `shared drive: ${file.driveId}` : '',
      `owners: ${(file.owners ?? []).map((o) => o.emailAddress).join(', ') || '(shared drive)'}`,
      `created: ${file.createdTime}  modified: ${file.modifiedTime} by ${file.lastModifyingUser?.emailAddress ?? file.lastModifyingUser?.displayName ?? 'unknown'}`,
      `sharing: ${sharing}`,
      `you can: ${can.join(', ') || 'view'}`,
      `revisions: ${revisions ?? 'unknown'}`,
      file.trashed ? 'in trash: yes' : '',
      file.shortcutDetails?.targetId ? `shortcut to: ${file.shortcutDetails.targetId}` : '',
      file.description ? `description: ${file.description}` : '',
      `link: ${file.webViewLink}`,
    ];
    return structured(
      {
        id,
        name: file.name ?? '',
        mimeType: file.mimeType ?? '',
        path,
        owners: (file.owners ?? []).map((o) => o.emailAddress ?? ''),
        sharing,
        capabilities: can,
        revisions: revisions ?? null,
      },
      untrusted(`Google Drive metadata of ${id}`, lines.filter(Boolean).join('\n')),
    );
  },
});

/**
 * Names of the parent folders from the top down. Under --roots only parents inside are followed
 * and the walk ends at a root, so no folder outside is named (a file may sit in one outside too).
 */
async function folderPath(ctx: Ctx, drive: drive_v3.Drive, file: drive_v3.Schema$File): Promise<string[]> {
  const { confinement } = ctx.state;
  const firstInside = async (parents: readonly string[] | null | undefined) => {
    for (const p of parents ?? []) if (await confinement.allows(p)) return p;
    return undefined;
  };
  const names: string[] = [];
  let parent = await firstInside(file.parents);
  for (let i = 0; parent && i < 30; i++) {
    const atRoot = confinement.roots.has(parent);
    try {
      const res = await drive.files.get(
        { fileId: parent, fields: 'id,name,parents', supportsAllDrives: true },
        { signal: ctx.signal },
      );
      names.unshift(res.data.name ?? parent);
      parent = atRoot ? undefined : await firstInside(res.data.parents);
    } catch {
      // A shared drive's id is not a file: name it by its drive record, else stop.
      const drive_ = await drive.drives
        .get({ driveId: parent, fields: 'name' }, { signal: ctx.signal })
        .catch(() => undefined);
      if (drive_?.data.name) names.unshift(drive_.data.name);
      break;
    }
  }
  return names;
}

function summarize(perms: drive_v3.Schema$Permission[]): string {
  const counts = new Map<string, number>();
  for (const p of perms) counts.set(`${p.role} (${p.type})`, (counts.get(`${p.role} (${p.type})`) ?? 0) + 1);
  const anyone = perms.some((p) => p.type === 'anyone') ? 'ANYONE WITH THE LINK; ' : '';
  return `${anyone}${[...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'private'}`;
}

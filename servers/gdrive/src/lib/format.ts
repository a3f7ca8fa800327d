import type { drive_v3 } from '@googleapis/drive';
import { friendlyType } from './query.js';

export function humanSize(size: string | number | null | undefined): string {
  if (size === null || size === undefined || size === '') return '';
  const n = Number(size);
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

/** One line per file: name | type | id | modified | owner | size | link. */
export function fileLine(f: drive_v3.Schema$File): string {
  const parts = [
    f.name ?? '(no name)',
    friendlyType(f.mimeType),
    `id ${f.id}`,
    f.modifiedTime ? `modified ${f.modifiedTime}` : '',
    f.owners?.[0]?.emailAddress
      ? `owner ${f.owners[0].emailAddress}`
      : f.driveId
        ? `shared drive ${f.driveId}`
        : '',
    humanSize(f.size),
    f.trashed ? 'in trash' : '',
    f.shortcutDetails?.targetId ? `shortcut to ${f.shortcutDetails.targetId}` : '',
    f.webViewLink ?? '',
  ];
  return parts.filter(Boolean).join(' | ');
}

/** The structured form of a file in list answers. */
export function fileSummary(f: drive_v3.Schema$File) {
  return {
    id: f.id ?? '',
    name: f.name ?? '',
    type: friendlyType(f.mimeType),
    mimeType: f.mimeType ?? '',
    modifiedTime: f.modifiedTime ?? null,
    owner: f.owners?.[0]?.emailAddress ?? null,
    size: f.size ? Number(f.size) : null,
    webViewLink: f.webViewLink ?? null,
    ...(f.driveId ? { sharedDriveId: f.driveId } : {}),
    ...(f.shortcutDetails?.targetId ? { shortcutTargetId: f.shortcutDetails.targetId } : {}),
  };
}

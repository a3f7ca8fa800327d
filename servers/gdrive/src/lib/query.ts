/**
 * Drive `q` strings. Every value the model supplies goes through `quote`, so no text can close the
 * string and add clauses of its own: Drive reads `\'` as a quote and `\\` as a backslash inside '...'.
 */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Friendly type names the tools accept, and the MIME types they stand for. */
export const FRIENDLY_TYPES = {
  document: ['application/vnd.google-apps.document'],
  spreadsheet: ['application/vnd.google-apps.spreadsheet'],
  presentation: ['application/vnd.google-apps.presentation'],
  drawing: ['application/vnd.google-apps.drawing'],
  form: ['application/vnd.google-apps.form'],
  folder: ['application/vnd.google-apps.folder'],
  shortcut: ['application/vnd.google-apps.shortcut'],
  pdf: ['application/pdf'],
  text: ['text/plain', 'text/markdown', 'text/csv'],
} as const;
export type FriendlyType = keyof typeof FRIENDLY_TYPES | 'image' | 'video' | 'audio';
export const FRIENDLY_TYPE_NAMES = [...Object.keys(FRIENDLY_TYPES), 'image', 'video', 'audio'] as unknown as [
  FriendlyType,
  ...FriendlyType[],
];

export interface SearchFilters {
  text?: string | undefined;
  name?: string | undefined;
  mimeType?: string | undefined;
  type?: FriendlyType | undefined;
  folderId?: string | undefined;
  modifiedAfter?: string | undefined;
  modifiedBefore?: string | undefined;
  owner?: string | undefined;
  includeTrashed?: boolean | undefined;
}

function typeClause(type: FriendlyType): string {
  if (type === 'image' || type === 'video' || type === 'audio')
    return `mimeType contains ${quote(`${type}/`)}`;
  const types = FRIENDLY_TYPES[type];
  const parts = types.map((t) => `mimeType = ${quote(t)}`);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' or ')})`;
}

/** Builds the `q` of a search: each filter a clause, all joined with `and`, every value quoted. */
export function searchQuery(filters: SearchFilters): string {
  const clauses: string[] = [];
  if (filters.text) clauses.push(`fullText contains ${quote(filters.text)}`);
  if (filters.name) clauses.push(`name contains ${quote(filters.name)}`);
  if (filters.mimeType) clauses.push(`mimeType = ${quote(filters.mimeType)}`);
  if (filters.type) clauses.push(typeClause(filters.type));
  if (filters.folderId) clauses.push(`${quote(filters.folderId)} in parents`);
  if (filters.modifiedAfter) clauses.push(`modifiedTime > ${quote(filters.modifiedAfter)}`);
  if (filters.modifiedBefore) clauses.push(`modifiedTime < ${quote(filters.modifiedBefore)}`);
  if (filters.owner) clauses.push(`${quote(filters.owner)} in owners`);
  if (!filters.includeTrashed) clauses.push('trashed = false');
  return clauses.join(' and ');
}

const FRIENDLY_BY_MIME = new Map<string, string>(
  Object.entries(FRIENDLY_TYPES).flatMap(([name, mimes]) => mimes.map((m) => [m, name] as [string, string])),
);

/** A short type name for a MIME type (document, pdf, image, ...), else the MIME type itself. */
export function friendlyType(mimeType: string | null | undefined): string {
  if (!mimeType) return 'unknown';
  const known = FRIENDLY_BY_MIME.get(mimeType);
  if (known) return known;
  const top = mimeType.split('/')[0];
  if (top === 'image' || top === 'video' || top === 'audio') return top;
  if (mimeType.startsWith('application/vnd.google-apps.')) return mimeType.slice(28);
  return mimeType;
}

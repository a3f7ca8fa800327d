import { invalidInput } from '@bastion-mcp/runtime';

const ID = /^[A-Za-z0-9_-]{1,200}$/;
const GOOGLE_HOSTS = /^(drive|docs)\.google\.com$/;

/**
 * Reduces what the model passed as an id (a bare id, or a Drive/Docs URL pasted in) to the id.
 * Anything else is an invalid_input naming the field, so a malformed value never reaches a request.
 */
export function toFileId(field: string, value: string): string {
  const trimmed = value.trim();
  if (ID.test(trimmed)) return trimmed;
  const fromUrl = idFromUrl(trimmed);
  if (fromUrl && ID.test(fromUrl)) return fromUrl;
  throw invalidInput(
    `${field}: "${value.slice(0, 80)}" is not a Drive file id or a Drive/Docs link.`,
    `Pass the id (letters, digits, - and _) from search_files or list_folder, or a drive.google.com / docs.google.com link.`,
  );
}

function idFromUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !GOOGLE_HOSTS.test(url.hostname)) return undefined;
  // /file/d/<id>/view, /document/d/<id>/edit, /spreadsheets/d/<id>, /presentation/d/<id>, /drawings/d/<id>
  const inPath = /\/d\/([^/?#]+)/.exec(url.pathname)?.[1];
  if (inPath) return inPath;
  // /drive/folders/<id>, /drive/u/0/folders/<id>
  const folder = /\/folders\/([^/?#]+)/.exec(url.pathname)?.[1];
  if (folder) return folder;
  // /open?id=<id>, /uc?id=<id>
  return url.searchParams.get('id') ?? undefined;
}

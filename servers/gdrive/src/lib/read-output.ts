import { invalidInput, type ToolContext, text, tooLarge, untrusted } from '@bastion-mcp/runtime';
import type { drive_v3 } from '@googleapis/drive';
import type { GdriveState } from '../tool.js';
import { withDrive } from '../tool.js';
import { SAVE_AS } from './content.js';
import { humanSize } from './format.js';
import { friendlyType } from './query.js';

// How read_file answers: a page of text inside the data fence, or the original saved to --output-dir.

export function page(
  state: GdriveState,
  label: string,
  name: string,
  note: string,
  body: string,
  offset: number,
  maxChars?: number,
) {
  const limit = Math.min(maxChars ?? state.maxChars, state.maxChars);
  if (offset > 0 && offset >= body.length)
    throw invalidInput(
      `offset: ${offset} is past the end (${body.length} characters).`,
      'Use a smaller offset.',
    );
  const end = Math.min(offset + limit, body.length);
  const range = end - offset < body.length ? ` characters ${offset}-${end} of ${body.length}` : '';
  const more = end < body.length ? `\nMore: call read_file with offset=${end} for the rest.` : '';
  return text(
    `${note}${label}${range}:\n${untrusted(`Google Drive file ${label}`, `name: ${name}\n\n${body.slice(offset, end)}`)}${more}`,
    {
      rest: `Call read_file with a smaller maxChars or offset=${offset} to page.`,
    },
  );
}

export async function saveOriginal(
  ctx: Pick<ToolContext<GdriveState>, 'state' | 'signal'>,
  file: drive_v3.Schema$File,
  note: string,
  why: string,
) {
  const label = `${friendlyType(file.mimeType)} ${file.id} (${humanSize(file.size) || 'size unknown'})`;
  const dir = ctx.state.outputDir;
  if (!dir)
    throw tooLarge(
      `${label} is not read inline: ${why}.`,
      'Start the server with --output-dir <folder> to download it there, or open its link (get_file_metadata).',
    );
  // Google files have no bytes of their own: they are saved as an export (Docs as Markdown, ...).
  const as = SAVE_AS[file.mimeType ?? ''];
  if (file.mimeType?.startsWith('application/vnd.google-apps.') && !as)
    throw invalidInput(
      `${label} is a Google ${friendlyType(file.mimeType)}; it has no file form to download.`,
      'Open its link instead (get_file_metadata shows it).',
    );
  // Loaded on first use, with the stream machinery it needs (not at start-up).
  const { downloadTo, exportTo } = await import('./download.js');
  const saved = await withDrive(ctx, label, (g) =>
    as ? exportTo(g, dir, file, as, ctx.signal) : downloadTo(g, dir, file, ctx.signal),
  );
  const exported = as ? `, exported as ${as.ext.slice(1)}` : '';
  return text(`${note}${label} was saved to ${saved.path} (${saved.bytes} bytes${exported}) because ${why}.`);
}

export async function officeBody(bytes: Buffer, mime: string, label: string): Promise<string> {
  // Loaded on first use, with zlib (not at start-up).
  const { officeText } = await import('./office.js');
  try {
    return officeText(mime, bytes);
  } catch (error) {
    throw invalidInput(
      `${label} could not be read as an Office file (${(error as Error).message}).`,
      'Download the original with download=true and --output-dir.',
    );
  }
}

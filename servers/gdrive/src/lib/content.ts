import type { drive_v3 } from '@googleapis/drive';
import type { Google } from './google.js';

/** Largest file we read into memory as text (Drive's own export cap is the same 10 MB). */
export const MAX_TEXT_BYTES = 10 * 1024 * 1024;

export const GOOGLE_DOC = 'application/vnd.google-apps.document';
export const GOOGLE_SHEET = 'application/vnd.google-apps.spreadsheet';
export const GOOGLE_SLIDES = 'application/vnd.google-apps.presentation';
export const GOOGLE_DRAWING = 'application/vnd.google-apps.drawing';
export const FOLDER = 'application/vnd.google-apps.folder';

/** What a Google Workspace file is exported as (the reference's shapes). */
export const EXPORT_AS: Record<string, string> = {
  [GOOGLE_DOC]: 'text/markdown',
  [GOOGLE_SHEET]: 'text/csv',
  [GOOGLE_SLIDES]: 'text/plain',
  [GOOGLE_DRAWING]: 'image/png',
};

export const OFFICE = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
} as const;

/**
 * What a Google file is saved as to --output-dir (download=true, or an export over Google's 10 MB
 * cap), through its export link: those are not capped as files.export is.
 */
export const SAVE_AS: Record<string, { mime: string; ext: string }> = {
  [GOOGLE_DOC]: { mime: 'text/markdown', ext: '.md' },
  [GOOGLE_SHEET]: { mime: OFFICE.xlsx, ext: '.xlsx' },
  [GOOGLE_SLIDES]: { mime: OFFICE.pptx, ext: '.pptx' },
  [GOOGLE_DRAWING]: { mime: 'image/png', ext: '.png' },
};

export const isOffice = (mime: string) => Object.values(OFFICE).includes(mime as never);

const TEXTUAL =
  /^(text\/|application\/(json|xml|javascript|x-yaml|yaml|x-sh|sql|csv|x-ndjson)|image\/svg\+xml)/;
export const isTextual = (mime: string) => TEXTUAL.test(mime);

export async function exportBytes(
  g: Google,
  fileId: string,
  mimeType: string,
  signal: AbortSignal,
): Promise<Buffer> {
  const res = await g.drive.files.export({ fileId, mimeType }, { responseType: 'arraybuffer', signal });
  return Buffer.from(res.data as ArrayBuffer);
}

export async function downloadBytes(g: Google, fileId: string, signal: AbortSignal): Promise<Buffer> {
  const res = await g.drive.files.get(
    { fileId, alt: 'media', supportsAllDrives: true },
    { responseType: 'arraybuffer', signal },
  );
  return Buffer.from(res.data as unknown as ArrayBuffer);
}

function csvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\n');
}

/** An A1 sheet name, quoted as Sheets wants it ('' for a quote inside). */
export const sheetRef = (title: string) => `'${title.replace(/'/g, "''")}'`;

/** Sheets as CSV through the Sheets API: one named sheet, an A1 range, or every sheet. */
export async function sheetCsv(
  g: Google,
  file: drive_v3.Schema$File,
  options: { sheet?: string | undefined; range?: string | undefined },
  signal: AbortSignal,
): Promise<{ text: string; sheets: string[] }> {
  const spreadsheetId = file.id as string;
  const meta = await g.sheets.spreadsheets.get(
    { spreadsheetId, fields: 'sheets.properties(title,index)' },
    { signal },
  );
  const titles = (meta.data.sheets ?? []).map((s) => s.properties?.title ?? '').filter(Boolean);
  const read = async (range: string) => {
    const res = await g.sheets.spreadsheets.values.get({ spreadsheetId, range }, { signal });
    return toCsv((res.data.values ?? []) as unknown[][]);
  };
  if (options.sheet !== undefined && !titles.includes(options.sheet)) {
    return { text: '', sheets: titles };
  }
  if (options.range) {
    const range = options.sheet ? `${sheetRef(options.sheet)}!${options.range}` : options.range;
    return { text: await read(range), sheets: titles };
  }
  if (options.sheet) return { text: await read(sheetRef(options.sheet)), sheets: titles };
  const parts: string[] = [];
  for (const title of titles) parts.push(`## Sheet: ${title}\n${await read(sheetRef(title))}`);
  return { text: parts.join('\n\n'), sheets: titles };
}

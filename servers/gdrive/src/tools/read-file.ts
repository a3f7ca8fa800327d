import { image, invalidInput, isToolError, notFound, z } from '@bastion-mcp/runtime';
import {
  downloadBytes,
  EXPORT_AS,
  exportBytes,
  FOLDER,
  GOOGLE_DRAWING,
  GOOGLE_SHEET,
  GOOGLE_SLIDES,
  isOffice,
  isTextual,
  MAX_TEXT_BYTES,
  OFFICE,
  sheetCsv,
} from '../lib/content.js';
import { humanSize } from '../lib/format.js';
import { pdfText } from '../lib/pdf.js';
import { friendlyType } from '../lib/query.js';
import { officeBody, page, saveOriginal } from '../lib/read-output.js';
import { fileFor, fileIdField, resolveShortcut, tool, withDrive } from '../tool.js';

const A1 = /^[A-Za-z]{0,3}\d{0,7}(:[A-Za-z]{0,3}\d{0,7})?$/;

export const readFile = tool({
  name: 'read_file',
  title: 'Read a Drive file',
  description:
    'Read a file as text: Google Docs as Markdown, Sheets as CSV (one sheet, an A1 range, or all sheets), Slides as text per slide, PDFs, Office files (docx, xlsx, pptx) and text files as text, images inline. Long text pages with offset/maxChars. Shortcuts are followed. With --output-dir, download=true (or a file too large to read) saves the original there.',
  kind: 'read',
  openWorld: true,
  input: z.object({
    fileId: fileIdField,
    sheet: z.string().min(1).optional().describe('Spreadsheets: the sheet (tab) to read; default all sheets'),
    range: z
      .string()
      .min(1)
      .optional()
      .describe("Spreadsheets: an A1 range such as A1:C20 (with sheet) or 'My tab'!A1:C20"),
    offset: z.number().int().min(0).default(0).describe('Character offset to start from (for long content)'),
    maxChars: z
      .number()
      .int()
      .min(100)
      .optional()
      .describe('Most characters to return (default: what fits the response budget)'),
    download: z
      .boolean()
      .default(false)
      .describe(
        'Save the file to --output-dir instead of reading it (Google files as md, xlsx, pptx or png)',
      ),
  }),
  async handle(input, ctx) {
    const first = await fileFor(ctx, 'fileId', input.fileId);
    const { file, note } = await resolveShortcut(ctx, 'fileId', first);
    const id = file.id as string;
    const mime = file.mimeType ?? '';
    // Names are untrusted: they appear inside the data fence only, never in our own lines.
    const label = `${friendlyType(mime)} ${id}`;
    if (mime === FOLDER)
      throw invalidInput(`fileId: ${id} is a folder.`, 'Use list_folder to see what it holds.');
    if ((input.sheet || input.range) && mime !== GOOGLE_SHEET)
      throw invalidInput('sheet and range apply to Google Sheets only.', 'Omit them for this file.');
    if (input.download) return saveOriginal(ctx, file, note, 'download=true');

    let body: string;
    if (mime === GOOGLE_SHEET) {
      if (input.range && !input.range.includes('!') && !A1.test(input.range))
        throw invalidInput(
          `range: "${input.range}" is not an A1 range.`,
          'Use a range like A1:C20, or name the sheet in sheet.',
        );
      if (input.range?.includes('!') && input.sheet)
        throw invalidInput('range already names a sheet; do not also pass sheet.');
      const csv = await withDrive(ctx, `spreadsheet ${id}`, (g) => sheetCsv(g, file, input, ctx.signal));
      if (input.sheet !== undefined && !csv.sheets.includes(input.sheet))
        throw notFound(
          `sheet: "${input.sheet}" is not in ${label}.`,
          `Sheets there: ${csv.sheets.map((s) => JSON.stringify(s)).join(', ')}.`,
        );
      body = csv.text;
    } else if (mime === GOOGLE_DRAWING) {
      const png = await withDrive(ctx, `drawing ${id}`, (g) => exportBytes(g, id, 'image/png', ctx.signal));
      return {
        content: [{ type: 'text', text: `${note}${label} as PNG:` }, ...image(png, 'image/png').content],
      };
    } else if (mime === GOOGLE_SLIDES || EXPORT_AS[mime]) {
      // Slides go out as pptx, read slide by slide (Drive's text export runs the slides together).
      const as = mime === GOOGLE_SLIDES ? OFFICE.pptx : (EXPORT_AS[mime] as string);
      let bytes: Buffer;
      try {
        bytes = await withDrive(ctx, label, (g) => exportBytes(g, id, as, ctx.signal));
      } catch (error) {
        // Past Google's 10 MB export cap: saved to --output-dir through the uncapped export link.
        if (isToolError(error) && error.kind === 'too_large' && ctx.state.outputDir)
          return saveOriginal(ctx, file, note, "it is over Google's 10 MB export limit");
        throw error;
      }
      body = mime === GOOGLE_SLIDES ? await officeBody(bytes, as, label) : bytes.toString('utf8');
    } else if (mime.startsWith('application/vnd.google-apps.')) {
      throw invalidInput(
        `${label} is a ${friendlyType(mime)}, which has no text form here.`,
        'Open its link instead (get_file_metadata shows it).',
      );
    } else {
      const size = Number(file.size ?? 0);
      if (mime.startsWith('image/') && !isTextual(mime)) {
        if (size > ctx.state.maxImageBytes)
          return saveOriginal(ctx, file, note, `the image is ${humanSize(size)}, over the inline limit`);
        const bytes = await withDrive(ctx, label, (g) => downloadBytes(g, id, ctx.signal));
        return { content: [{ type: 'text', text: `${note}${label}:` }, ...image(bytes, mime).content] };
      }
      const readable = isTextual(mime) || mime === 'application/pdf' || isOffice(mime);
      if (!readable) return saveOriginal(ctx, file, note, `it is a binary file (${mime})`);
      if (size > MAX_TEXT_BYTES)
        return saveOriginal(ctx, file, note, `it is ${humanSize(size)}, over the 10 MB read limit`);
      const bytes = await withDrive(ctx, label, (g) => downloadBytes(g, id, ctx.signal));
      body =
        mime === 'application/pdf'
          ? await pdfText(bytes, label)
          : isOffice(mime)
            ? await officeBody(bytes, mime, label)
            : bytes.toString('utf8');
    }
    return page(ctx.state, label, file.name ?? '', note, body, input.offset, input.maxChars);
  },
});

import { invalidInput, text, z } from '@bastion-mcp/runtime';
import { destination, uploadOptions } from '../lib/placement.js';
import { tool, withDrive } from '../tool.js';

const name = z.string().trim().min(1).max(1000).describe('File name');
const parentId = z
  .string()
  .optional()
  .describe('Destination folder id or link; default My Drive (required with --roots)');
const CONVERT: Record<string, string> = {
  'text/plain': 'application/vnd.google-apps.document',
  'text/markdown': 'application/vnd.google-apps.document',
  'text/csv': 'application/vnd.google-apps.spreadsheet',
};
const MAX_CONTENT = 10 * 1024 * 1024;

export const createFile = tool({
  name: 'create_file',
  title: 'Create a file',
  description:
    'Create a text, Markdown, CSV or JSON file; with convert=true, Markdown/text becomes a Google Doc and CSV a Google Sheet.',
  kind: 'write',
  openWorld: true,
  toolset: 'write',
  input: z.object({
    name,
    content: z.string().describe('The file content (UTF-8 text)'),
    contentType: z
      .enum(['text/plain', 'text/markdown', 'text/csv', 'application/json'])
      .default('text/plain')
      .describe('MIME type of content'),
    convert: z.boolean().default(false).describe('Convert to a Google Doc (text, Markdown) or Sheet (CSV)'),
    parentId,
  }),
  async handle(input, ctx) {
    if (Buffer.byteLength(input.content) > MAX_CONTENT)
      throw invalidInput('content: over 10 MB.', 'Split it into several files.');
    const target = input.convert ? CONVERT[input.contentType] : input.contentType;
    if (!target)
      throw invalidInput(
        `convert: ${input.contentType} cannot be converted.`,
        'Use text/plain, text/markdown or text/csv, or convert=false.',
      );
    const parent = await destination(ctx, input.parentId);
    const made = await withDrive(ctx, `new file in ${parent}`, async (g) => {
      const res = await g.drive.files.create(
        {
          requestBody: { name: input.name, parents: [parent], mimeType: target },
          media: { mimeType: input.contentType, body: input.content },
          supportsAllDrives: true,
          fields: 'id,name,mimeType,webViewLink',
        },
        uploadOptions(g.rootUrl, ctx.signal),
      );
      return res.data;
    });
    return text(
      `Created ${made.mimeType} "${made.name}" (id ${made.id}) in ${parent}. ${made.webViewLink ?? ''}`.trim(),
    );
  },
});

export const createFolder = tool({
  name: 'create_folder',
  title: 'Create a folder',
  description: 'Create a folder (in My Drive, a folder or a shared drive).',
  kind: 'write',
  openWorld: true,
  toolset: 'write',
  input: z.object({ name, parentId }),
  async handle(input, ctx) {
    const parent = await destination(ctx, input.parentId);
    const made = await withDrive(ctx, `new folder in ${parent}`, async (g) => {
      const res = await g.drive.files.create(
        {
          requestBody: {
            name: input.name,
            parents: [parent],
            mimeType: 'application/vnd.google-apps.folder',
          },
          supportsAllDrives: true,
          fields: 'id,name',
        },
        { signal: ctx.signal },
      );
      return res.data;
    });
    return text(`Created folder "${made.name}" (id ${made.id}) in ${parent}.`);
  },
});

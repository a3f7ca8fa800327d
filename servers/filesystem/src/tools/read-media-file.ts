import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { fsError, invalidInput, MAX_PATH_CHARS, tooLarge, z } from '@bastion-mcp/runtime';
import { mimeTypeOf } from '../lib/mime.js';
import { tool } from '../tool.js';

export const readMediaFile = tool({
  name: 'read_media_file',
  title: 'Read a media file',
  description:
    'Read an image or audio file as image/audio content (base64 with its MIME type); any other file comes back as an embedded resource blob.',
  kind: 'read',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('File path: absolute, or relative to the first allowed directory'),
  }),
  output: z.object({
    path: z.string().describe('The real path read'),
    mimeType: z.string().describe('MIME type, from the file extension'),
    bytes: z.number().describe('File size'),
  }),
  async handle(input, ctx) {
    const { path: file } = await ctx.sandbox.resolve(input.path);
    const stat = await fs.stat(file).catch((error: unknown) => {
      throw fsError(error, file);
    });
    if (!stat.isFile()) throw invalidInput(`${file} is not a file.`, 'Pass the path of a file.');
    if (stat.size > ctx.state.maxFileSize) {
      throw tooLarge(
        `${file} is ${stat.size} bytes; this server reads at most ${ctx.state.maxFileSize}.`,
        'Pick a smaller file.',
      );
    }
    const data = (await readAtMost(file, ctx.state.maxFileSize)).toString('base64');
    const mimeType = mimeTypeOf(file);
    const structuredContent = { path: file, mimeType, bytes: stat.size };
    if (mimeType.startsWith('image/'))
      return { content: [{ type: 'image', data, mimeType }], structuredContent };
    if (mimeType.startsWith('audio/'))
      return { content: [{ type: 'audio', data, mimeType }], structuredContent };
    const resource = { uri: pathToFileURL(file).href, mimeType, blob: data };
    return { content: [{ type: 'resource', resource }], structuredContent };
  },
});

/** Reads at most `max` bytes, so a file that grew after the size check still cannot exceed the limit. */
async function readAtMost(file: string, max: number): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(max + 1, (await handle.stat()).size + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > max)
      throw tooLarge(`${file} grew past ${max} bytes while being read.`, 'Pick a smaller file.');
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

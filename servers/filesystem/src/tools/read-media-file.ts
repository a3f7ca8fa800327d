import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fsError, invalidInput, tooLarge, z } from '@bastion-mcp/runtime';
import { tool } from '../tool.js';

const MIME: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.flac': 'audio/flac',
  '.m4a': 'audio/mp4',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.json': 'application/json',
};

export const readMediaFile = tool({
  name: 'read_media_file',
  title: 'Read a media file',
  description:
    'Read an image or audio file as image/audio content (base64 with its MIME type); any other file comes back as an embedded resource blob.',
  kind: 'read',
  input: z.object({
    path: z.string().describe('File path: absolute, or relative to the first allowed directory'),
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
    const data = (await fs.readFile(file)).toString('base64');
    const mimeType = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    if (mimeType.startsWith('image/')) return { content: [{ type: 'image', data, mimeType }] };
    if (mimeType.startsWith('audio/')) return { content: [{ type: 'audio', data, mimeType }] };
    return {
      content: [{ type: 'resource', resource: { uri: pathToFileURL(file).href, mimeType, blob: data } }],
    };
  },
});

import { constants } from 'node:fs';
import fs, { type FileHandle } from 'node:fs/promises';
import { fsError, invalidInput } from '@bastion-mcp/runtime';
import { looksBinary } from './lines.js';

export interface TextFile {
  handle: FileHandle;
  size: number;
}

/**
 * Opens an already-resolved real path for reading text. Refuses folders, devices, sockets, pipes
 * and binary files; the caller closes the handle. Checks run on the open handle, so the file
 * checked is the file read.
 */
export async function openText(file: string): Promise<TextFile> {
  // O_NONBLOCK: opening a FIFO must not hang the call waiting for a writer.
  const handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) => {
    throw fsError(error, file);
  });
  try {
    const stat = await handle.stat();
    if (stat.isDirectory())
      throw invalidInput(
        `${file} is a directory, not a file.`,
        'Use list_directory to see what it holds, then read a file inside it.',
      );
    if (!stat.isFile())
      throw invalidInput(
        `${file} is not a regular file (a device, socket or pipe).`,
        'Pass the path of a regular file.',
      );
    if (await looksBinary(handle, stat.size))
      throw invalidInput(
        `${file} looks binary (it holds NUL bytes or is not UTF-8 text).`,
        'Use read_media_file for images, audio and other binary files.',
      );
    return { handle, size: stat.size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

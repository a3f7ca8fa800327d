import { ToolError } from '../errors.js';

/**
 * Turns a Node fs error about `target` into a ToolError the model can act on; anything unexpected
 * is returned unchanged (and becomes a short internal error).
 */
export function fsError(error: unknown, target: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new ToolError(
        'not_found',
        `${target} does not exist.`,
        'Check the path; list the parent folder to see what is there.',
      );
    case 'EISDIR':
      return new ToolError(
        'invalid_input',
        `${target} is a directory, not a file.`,
        'Pass a file path, or use a listing tool for folders.',
      );
    case 'ENOTDIR':
      return new ToolError(
        'invalid_input',
        `${target} (or a part of it) is not a directory.`,
        'Fix the path so every part before the last is a folder.',
      );
    case 'EEXIST':
      return new ToolError(
        'conflict',
        `${target} already exists.`,
        'Choose another name, or remove the existing one first.',
      );
    case 'ENOTEMPTY':
      return new ToolError(
        'conflict',
        `${target} is a folder that is not empty.`,
        'Pass recursive: true to remove it with its contents.',
      );
    case 'EACCES':
    case 'EPERM':
      return new ToolError(
        'access_denied',
        `The operating system refused access to ${target}.`,
        'Choose a path this server has permission to use.',
      );
    case 'ENAMETOOLONG':
      return new ToolError(
        'invalid_input',
        `${target} is too long a name for the file system (a part over 255 bytes, or the whole over 4096).`,
        'Use shorter names.',
      );
    case 'ELOOP':
      return new ToolError(
        'invalid_input',
        `${target} goes through a loop of symbolic links.`,
        'Pass a path that does not go through the looping link.',
      );
    case 'EINVAL':
      return new ToolError(
        'invalid_input',
        `${target} is not a valid target for this operation (for example a folder moved into itself).`,
        'Check the source and destination, then call again.',
      );
    case 'EXDEV':
      return new ToolError(
        'conflict',
        `${target} is on another device, so it cannot be renamed there.`,
        'Copy it, then remove the original.',
      );
    default:
      return error;
  }
}

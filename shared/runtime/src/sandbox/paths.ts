import os from 'node:os';
import path from 'node:path';
import { accessDenied, invalidInput } from '../errors.js';

/** Longest path accepted (Linux PATH_MAX); longer input cannot name a real file anyway. */
export const MAX_PATH_CHARS = 4096;

const WINDOWS_PATH = /^(?:[a-zA-Z]:[\\/]|[a-zA-Z]:$|\\\\|\/\/\?\/)/;

export interface NormalizeOptions {
  /** Where relative paths start (the first allowed directory). */
  base?: string;
  home?: string;
}

/**
 * Turns what a caller typed into an absolute, normalised POSIX path: `~` expanded, `..` folded,
 * NUL bytes and Windows drive or UNC paths refused. Pure: touches no disk.
 */
export function normalizePath(input: string, options: NormalizeOptions = {}): string {
  if (input.length === 0)
    throw invalidInput('path is empty.', 'Pass an absolute path or one relative to an allowed directory.');
  if (input.length > MAX_PATH_CHARS) {
    throw invalidInput(
      `path is ${input.length} characters long; the limit is ${MAX_PATH_CHARS}.`,
      'Pass the path of an existing file or folder (a real path is far shorter).',
    );
  }
  if (input.includes('\0'))
    throw accessDenied('path contains a NUL byte.', 'Remove the NUL character from the path.');
  if (WINDOWS_PATH.test(input)) {
    throw accessDenied(
      `"${input}" is a Windows-style path; this server runs on POSIX.`,
      'Use a POSIX path such as /home/me/project.',
    );
  }
  const home = options.home ?? os.homedir();
  let expanded = input;
  if (input === '~') expanded = home;
  else if (input.startsWith('~/')) expanded = path.join(home, input.slice(2));
  if (path.isAbsolute(expanded)) return path.resolve(expanded);
  if (!options.base) {
    throw invalidInput(
      `"${input}" is relative and there is no allowed directory to resolve it against.`,
      'Pass an absolute path.',
    );
  }
  return path.resolve(options.base, expanded);
}

/** True when `target` is `root` or lies below it, comparing whole path segments (so /a/root2 is not in /a/root). */
export function isWithin(root: string, target: string): boolean {
  if (target === root) return true;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return target.startsWith(prefix);
}

/** The first root containing `target`, or undefined. */
export function containingRoot(roots: readonly string[], target: string): string | undefined {
  return roots.find((root) => isWithin(root, target));
}

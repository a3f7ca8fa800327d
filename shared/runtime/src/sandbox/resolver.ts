import fs from 'node:fs/promises';
import path from 'node:path';
import { accessDenied, invalidInput, ToolError } from '../errors.js';
import { fsError } from './fs-errors.js';
import { containingRoot, normalizePath } from './paths.js';

const MAX_LINK_HOPS = 40;
/** NAME_MAX on Linux file systems. */
const MAX_NAME_BYTES = 255;

export interface SandboxOptions {
  /**
   * Extra refusal on top of containment (e.g. a deny list): called with a path and the root it
   * lies in, for the real path and, when it differs, for the path as typed.
   */
  isDenied?: (path: string, root: string) => boolean;
  /** How to tell the operator to configure roots when there are none. */
  noRootsHint?: string;
}

export interface Resolved {
  /** The real path: symlinks followed, inside a root. May not exist yet. */
  path: string;
  root: string;
  exists: boolean;
}

/**
 * The allowed directories for one connection, and the only way tools turn a caller's path into a
 * real one. Roots are real paths (realpath'd once when set).
 */
export class Sandbox {
  #roots: readonly string[];
  readonly #options: SandboxOptions;

  constructor(realRoots: readonly string[], options: SandboxOptions = {}) {
    this.#roots = realRoots;
    this.#options = options;
  }

  get roots(): readonly string[] {
    return this.#roots;
  }

  /** Replaces the roots (used when client roots narrow the CLI roots). */
  setRoots(realRoots: readonly string[]): void {
    this.#roots = realRoots;
  }

  /** Normalises, follows symlinks (also of missing targets' ancestors) and checks containment and deny rules. */
  async resolve(input: string): Promise<Resolved> {
    const roots = this.#requireRoots();
    const lexical = normalizePath(input, { base: roots[0] });
    const { real, exists } = await realpathDeep(lexical);
    const root = containingRoot(roots, real);
    if (!root) {
      const via = real === lexical ? '' : ` (it resolves to ${real})`;
      throw accessDenied(
        `${lexical} is outside the allowed directories${via}.`,
        `Use a path inside: ${roots.join(', ')}.`,
      );
    }
    const lexicalRoot = real === lexical ? undefined : containingRoot(roots, lexical);
    if (
      this.#options.isDenied?.(real, root) ||
      (lexicalRoot && this.#options.isDenied?.(lexical, lexicalRoot))
    ) {
      throw accessDenied(
        `${lexical} matches this server's deny list.`,
        'Choose another file; denied paths cannot be read, listed or written.',
      );
    }
    return { path: real, root, exists };
  }

  /**
   * Like `resolve`, but the last path component is not followed: for operations on a directory
   * entry itself (move, delete), so a symlink is moved or removed, never its target. A symlink
   * whose target is outside or denied is refused like the target itself.
   */
  async resolveEntry(input: string): Promise<Resolved> {
    const roots = this.#requireRoots();
    const lexical = normalizePath(input, { base: roots[0] });
    const parent = path.dirname(lexical);
    if (parent === lexical) return this.resolve(input);
    const { real } = await realpathDeep(parent);
    const entry = path.join(real, path.basename(lexical));
    const root = containingRoot(roots, entry);
    if (!root) {
      throw accessDenied(
        `${lexical} is outside the allowed directories.`,
        `Use a path inside: ${roots.join(', ')}.`,
      );
    }
    if (this.#options.isDenied?.(entry, root)) {
      throw accessDenied(
        `${lexical} matches this server's deny list.`,
        'Choose another path; denied paths cannot be changed.',
      );
    }
    const stat = await fs.lstat(entry).catch(() => undefined);
    // The link itself is what gets moved or removed, but one leading outside (or to a denied
    // file) is refused all the same: the sandbox never acts on what it would not let you read.
    if (stat?.isSymbolicLink()) await this.resolve(entry);
    return { path: entry, root, exists: stat !== undefined };
  }

  /** Is an already-real path (e.g. from a directory walk) allowed? */
  allows(realPath: string): boolean {
    const root = containingRoot(this.#roots, realPath);
    return root !== undefined && !this.#options.isDenied?.(realPath, root);
  }

  /** Re-checks a parent directory right before a write lands, narrowing the window for a swapped symlink. */
  async assertStillInside(realPath: string): Promise<void> {
    const parent = await fs.realpath(path.dirname(realPath));
    // allows(): still inside a root and still not on the deny list.
    if (!this.allows(path.join(parent, path.basename(realPath)))) {
      throw accessDenied(
        `${realPath} moved outside the allowed directories (or onto the deny list) during the call.`,
        'Retry; if it persists, check for symlinks being swapped.',
      );
    }
  }

  #requireRoots(): readonly string[] {
    if (this.#roots.length > 0) return this.#roots;
    throw accessDenied(
      'No allowed directories are configured, so every path is refused.',
      this.#options.noRootsHint ??
        'Start the server with one or more directories as arguments, or use a client that offers roots.',
    );
  }
}

/**
 * realpath that also works for paths that do not exist yet: resolves the deepest existing ancestor,
 * follows dangling symlinks to where they point, and reports loops clearly.
 */
export async function realpathDeep(absolute: string): Promise<{ real: string; exists: boolean }> {
  let current = absolute;
  const missing: string[] = [];
  for (let hops = 0; hops <= MAX_LINK_HOPS; ) {
    try {
      const real = await fs.realpath(current);
      return { real: path.join(real, ...missing), exists: missing.length === 0 };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw loopError(absolute);
      if (code === 'ENOTDIR')
        throw invalidInput(
          `A part of ${absolute} is a file, not a directory.`,
          'Fix the path so every part before the last is a directory.',
        );
      if (code !== 'ENOENT') throw fsError(error, absolute);
    }
    const link = await readlinkOrNull(current);
    if (link !== null) {
      // A dangling symlink: continue from its target, which must itself pass containment.
      current = path.resolve(path.dirname(current), link);
      hops++;
      continue;
    }
    const parent = path.dirname(current);
    if (parent === current) throw new ToolError('not_found', `No part of ${absolute} exists.`);
    const name = path.basename(current);
    // Checked here because a missing parent hides it: the kernel says ENOENT before ENAMETOOLONG.
    if (Buffer.byteLength(name) > MAX_NAME_BYTES) throw fsError({ code: 'ENAMETOOLONG' }, absolute);
    missing.unshift(name);
    current = parent;
  }
  throw loopError(absolute);
}

async function readlinkOrNull(p: string): Promise<string | null> {
  try {
    return await fs.readlink(p);
  } catch {
    return null;
  }
}

function loopError(p: string): ToolError {
  return invalidInput(
    `${p} goes through a symlink loop.`,
    'Use a path that does not pass through circular symlinks.',
  );
}

/** Realpaths configured roots, dropping none silently: a missing or non-directory root is an error. */
export async function realRoots(roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const root of roots) {
    const real = await fs.realpath(normalizePath(root));
    const stat = await fs.stat(real);
    if (!stat.isDirectory()) throw new Error(`${root} is not a directory`);
    if (!out.includes(real)) out.push(real);
  }
  return out;
}

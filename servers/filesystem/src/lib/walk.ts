import fs from 'node:fs';
import { fsError, invalidInput, type Sandbox, ToolError } from '@bastion-mcp/runtime';
import { fdir } from 'fdir';
import { Gitignores, type GlobTest } from './globs.js';

export interface WalkOptions {
  sandbox: Sandbox;
  /** The allowed directory holding the start; outer .gitignore files are looked for up to it. */
  root: string;
  signal: AbortSignal;
  /** Prunes matching entries (a matching folder is not descended). */
  exclude?: GlobTest | undefined;
  /** Default true: skip what .gitignore files (outer and nested) ignore. */
  respectGitignore?: boolean | undefined;
  /** 1 = only the start's own entries. */
  maxDepth?: number | undefined;
  /** Also return folders (with a trailing '/'). */
  dirs?: boolean;
  /**
   * Also return symlinks, by their own path (never followed, wherever they lead, as list_directory
   * shows them); content search leaves them out, as `grep -r` does.
   */
  symlinks?: boolean;
  /** Which surviving entries to return; folders are descended either way. */
  match?: (relative: string, name: string, isDir: boolean) => boolean;
  /** Stop once more than this many entries matched. */
  limit?: number;
}

export interface Walked {
  /** '/'-separated, relative to the start; folders end with '/'. Order is not stable: sort if it matters. */
  paths: string[];
  /** The returned paths that are symlinks. */
  links: Set<string>;
  truncated: boolean;
}

/**
 * Walks a real directory without following symlinks and without a realpath per entry: every parent
 * on the way is real, so `start + relative` is each entry's real path. Entries the sandbox refuses
 * (the deny list) are dropped and refused folders are not descended; `.git` is always skipped.
 */
export async function walk(start: string, o: WalkOptions): Promise<Walked> {
  const prefix = start.endsWith('/') ? start : `${start}/`;
  const ignores = o.respectGitignore === false ? undefined : new Gitignores(start, o.root, o.sandbox);
  const seen = new Set<string>(); // full paths of every symlink readdir reported
  const links = new Set<string>();
  const crawler = new fdir({ fs: trackingLinks(seen) })
    .withRelativePaths()
    .withPathSeparator('/')
    .withAbortSignal(o.signal)
    .exclude((name, dirPath) => {
      const relative = dirPath.slice(prefix.length, -1);
      if (name === '.git' || o.exclude?.(relative, name) || ignores?.ignored(relative, true)) return true;
      if (!o.sandbox.allows(dirPath.slice(0, -1))) return true;
      ignores?.enter(relative);
      return false;
    })
    .filter((relative, isDir) => {
      if (isDir) {
        if (relative === '.') return false;
        const bare = relative.slice(0, -1);
        return !o.match || o.match(bare, bare.slice(bare.lastIndexOf('/') + 1), true);
      }
      const name = relative.slice(relative.lastIndexOf('/') + 1);
      if (name === '.git' || o.exclude?.(relative, name) || ignores?.ignored(relative, false)) return false;
      if (o.match && !o.match(relative, name, false)) return false;
      const full = prefix + relative;
      const link = seen.size > 0 && seen.has(full);
      if ((link && !o.symlinks) || !o.sandbox.allows(full)) return false;
      if (link) links.add(relative);
      return true;
    });
  if (o.dirs) crawler.withDirs();
  if (o.maxDepth !== undefined) crawler.withMaxDepth(o.maxDepth - 1);
  if (o.limit !== undefined) crawler.withMaxFiles(o.limit + 1);
  const paths = await crawler.crawl(prefix).withPromise();
  if (o.signal.aborted) throw cancelled();
  const truncated = o.limit !== undefined && paths.length > o.limit;
  if (truncated) paths.length = o.limit as number;
  return { paths, links, truncated };
}

/** fdir reports symlinks like files; a readdir that notes them lets the walk tell them apart. */
function trackingLinks(seen: Set<string>) {
  const readdir = (dir: string, _options: object, callback: (e: Error | null, d: fs.Dirent[]) => void) =>
    fs.readdir(dir, { withFileTypes: true }, (error, entries) => {
      for (const entry of entries ?? []) if (entry.isSymbolicLink()) seen.add(dir + entry.name);
      callback(error, entries);
    });
  return { ...fs, readdir } as unknown as typeof fs;
}

/** Resolves a caller's path to a real folder (or, with `allowFile`, a file) to walk. */
export async function startOf(sandbox: Sandbox, input: string, allowFile = false) {
  const resolved = await sandbox.resolve(input);
  const stat = await fs.promises.stat(resolved.path).catch((error: unknown) => {
    throw fsError(error, resolved.path);
  });
  if (!stat.isDirectory() && !(allowFile && stat.isFile()))
    throw invalidInput(`${resolved.path} is not a directory.`, 'Pass the folder to walk, e.g. its parent.');
  return { path: resolved.path, root: resolved.root, isDir: stat.isDirectory() };
}

export function cancelled(): ToolError {
  return new ToolError(
    'timeout',
    'The call was cancelled before it finished.',
    'Call again if still needed.',
  );
}

import fs from 'node:fs';
import path from 'node:path';
import { invalidInput, type Sandbox } from '@bastion-mcp/runtime';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

/** Tests an entry by its '/'-separated path relative to the start directory and by its name. */
export type GlobTest = (relative: string, name: string) => boolean;

/**
 * Compiles globs the way every walking tool reads them: a glob without a slash matches a name at any
 * depth (`node_modules`, `*.log`); one with a slash matches the whole relative path (`src/**\/*.ts`); a
 * leading `/` anchors a name to the start directory (`/build`). A trailing `/` is dropped.
 */
export function globTest(globs: readonly string[], field: string): GlobTest | undefined {
  const byName: string[] = [];
  const byPath: string[] = [];
  for (const raw of globs) {
    const glob = raw.trim().replace(/^\.\//, '').replace(/\/+$/, '');
    if (glob === '') continue;
    if (glob.startsWith('/')) byPath.push(glob.replace(/^\/+/, ''));
    else (glob.includes('/') ? byPath : byName).push(glob);
  }
  if (byName.length + byPath.length === 0) return undefined;
  try {
    const name = byName.length ? picomatch(byName, { dot: true }) : () => false;
    const whole = byPath.length ? picomatch(byPath, { dot: true }) : () => false;
    return (relative, entryName) => name(entryName) || whole(relative);
  } catch (error) {
    throw invalidInput(
      `${field} has a glob that cannot be compiled: ${(error as Error).message}`,
      'Use glob syntax such as *.log, node_modules or src/**/*.test.ts.',
    );
  }
}

interface Rules {
  ig: Ignore;
  /** What to prepend to a walk-relative path (for .gitignore files above the start). */
  prefix: string;
  /** How many leading characters of a walk-relative path to drop (for nested .gitignore files). */
  strip: number;
}

const NO_FOLLOW = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW;

/**
 * The .gitignore files that apply during one walk: those above the start (up to the repository top
 * or the allowed directory, whichever comes first) and every one met on the way down.
 */
export class Gitignores {
  readonly #chains = new Map<string, Rules[]>();
  readonly #prefix: string;
  readonly #sandbox: Sandbox;
  #any = false;

  constructor(start: string, root: string, sandbox: Sandbox) {
    this.#prefix = start.endsWith('/') ? start : `${start}/`;
    this.#sandbox = sandbox;
    const outer: Rules[] = [];
    for (let dir = start; dir !== root && !fs.existsSync(path.join(dir, '.git')); ) {
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
      const rules = this.#load(dir, `${path.relative(dir, start)}/`, 0);
      // A folder asked for by name is walked even when an outer .gitignore ignores it.
      if (rules && !rules.ig.test(rules.prefix).ignored) outer.unshift(rules);
    }
    const own = this.#load(start, '', 0);
    this.#chains.set('', own ? [...outer, own] : outer);
  }

  /** Loads the .gitignore of a folder about to be walked (`relative` has no trailing slash). */
  enter(relative: string): void {
    const chain = this.#chains.get(parentKey(relative)) ?? [];
    const own = this.#load(this.#prefix + relative, '', relative.length + 1);
    this.#chains.set(`${relative}/`, own ? [...chain, own] : chain);
  }

  ignored(relative: string, isDir: boolean): boolean {
    if (!this.#any) return false;
    const chain = this.#chains.get(parentKey(relative));
    if (!chain) return false;
    let ignored = false;
    for (const rules of chain) {
      const tested = rules.ig.test(rules.prefix + relative.slice(rules.strip) + (isDir ? '/' : ''));
      if (tested.ignored) ignored = true;
      else if (tested.unignored) ignored = false;
    }
    return ignored;
  }

  #load(dir: string, prefix: string, strip: number): Rules | undefined {
    const file = path.join(dir, '.gitignore');
    if (!fs.existsSync(file) || !this.#sandbox.allows(file)) return undefined;
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, NO_FOLLOW);
      const ig = ignore().add(fs.readFileSync(fd, 'utf8'));
      this.#any = true;
      return { ig, prefix, strip };
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
}

function parentKey(relative: string): string {
  return relative.slice(0, relative.lastIndexOf('/') + 1);
}

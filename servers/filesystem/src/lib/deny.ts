import path from 'node:path';
import picomatch from 'picomatch';

export const DEFAULT_DENY = ['.env', '.env.*', '**/.ssh/**', '**/.aws/**', '**/.git/config'];

/**
 * A deny list of globs, matched against a path relative to its allowed directory. Globs without a
 * slash match a name at any depth (`.env`); globs with one match the whole relative path.
 */
export function denyMatcher(globs: readonly string[]): (path: string, root: string) => boolean {
  if (globs.length === 0) return () => false;
  const byName = picomatch(
    globs.filter((g) => !g.includes('/')),
    { dot: true },
  );
  const byPath = picomatch(
    globs.filter((g) => g.includes('/')),
    { dot: true },
  );
  // Called for every entry of every walk, so no path.relative: the target always lies in root.
  return (target, root) => {
    if (target.length <= root.length) return false;
    const relative = target.slice(root.endsWith(path.sep) ? root.length : root.length + 1);
    if (byPath(relative)) return true;
    for (const segment of relative.split('/')) if (byName(segment)) return true;
    return false;
  };
}

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
  return (target, root) => {
    const relative = path.relative(root, target).split(path.sep).join('/');
    if (relative === '') return false;
    return byPath(relative) || relative.split('/').some((segment) => byName(segment));
  };
}

import { invalidInput } from '@bastion-mcp/runtime';

/**
 * File paths and refs go into request URLs: anything that could change the URL's meaning (`..`
 * segments, `?`, `#`, backslashes, control characters) is refused before a request is built.
 */
export function cleanPath(path: string, field = 'path'): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  const bad =
    hasControl(trimmed) ||
    /[\\?#]/.test(trimmed) ||
    trimmed.split('/').some((segment) => segment === '.' || segment === '..' || (trimmed && segment === ''));
  if (bad) {
    throw invalidInput(
      `${field} "${path}" is not a plain repository path (no ., .. or empty segments, backslashes, ? or #).`,
      `Give ${field} relative to the repository root, e.g. src/index.ts.`,
    );
  }
  return trimmed;
}

/** A branch, tag or SHA as git's check-ref-format would accept it (and never an option). */
export function cleanRef(ref: string, field = 'ref'): string {
  const bad =
    !ref ||
    ref.startsWith('-') ||
    ref.startsWith('/') ||
    ref.endsWith('/') ||
    ref.endsWith('.') ||
    ref.endsWith('.lock') ||
    ref.includes('..') ||
    ref.includes('@{') ||
    ref.includes('//') ||
    hasControl(ref) ||
    /[ ~^:?*[\\#%]/.test(ref);
  if (bad)
    throw invalidInput(
      `${field} "${ref}" is not a valid branch, tag or commit name.`,
      `Pass a branch name like main, a tag, or a commit SHA as ${field}.`,
    );
  return ref;
}

function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

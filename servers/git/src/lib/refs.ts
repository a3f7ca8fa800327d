import { invalidInput } from '@bastion-mcp/runtime';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]/;

/**
 * A branch or tag name, checked against git's ref-format rules (git check-ref-format) and never
 * starting with '-', so it can never be read as an option.
 */
export function refName(name: string, field: string): string {
  const problem = refProblem(name);
  if (problem) {
    throw invalidInput(
      `${field} "${name}" is not a valid branch or tag name: ${problem}.`,
      'Use letters, digits, "/", "-", "_" and "."; e.g. feature/login-form.',
    );
  }
  return name;
}

export function refProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > 255) return 'it is longer than 255 characters';
  if (name.startsWith('-')) return 'it starts with "-"';
  if (FORBIDDEN.test(name)) return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
  if (name.includes('..')) return 'it contains ".."';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name === '@') return 'it is "@"';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//'))
    return 'it has an empty path component';
  if (name.endsWith('.')) return 'it ends with "."';
  for (const part of name.split('/')) {
    if (part.startsWith('.')) return `the component "${part}" starts with "."`;
    if (part.endsWith('.lock')) return `the component "${part}" ends with ".lock"`;
  }
  return undefined;
}

// A revision: a ref or hash, optionally followed by ~N, ^N, ^{type} or @{N} suffixes.
const REVISION = /^[A-Za-z0-9_][A-Za-z0-9_./-]*(?:[~^]\d*|\^\{[a-z]*\}|@\{\d+\})*$/;

/** A revision such as HEAD, main~2, v1.0^{commit} or a hash; never an option. */
export function revision(rev: string, field: string): string {
  const ref = rev.replace(/(?:[~^]\d*|\^\{[a-z]*\}|@\{\d+\})+$/, '');
  if (!REVISION.test(rev) || (ref !== 'HEAD' && refProblem(ref))) {
    throw invalidInput(
      `${field} "${rev}" is not a revision this server accepts.`,
      'Pass a branch, tag or commit hash, optionally with ~N or ^N (e.g. HEAD~2, main, v1.0, 3f2a9c1).',
    );
  }
  return rev;
}

/** `a..b` or `a...b` ranges, each side a revision. */
export function revisionRange(range: string, field: string): string {
  const sides = range.split(/\.{2,3}/);
  if (sides.length > 2)
    throw invalidInput(`${field} "${range}" has more than one range operator.`, 'Use A..B or A...B.');
  for (const side of sides) if (side !== '') revision(side, field);
  return range;
}

import v8 from 'node:v8';
import { invalidInput } from '@bastion-mcp/runtime';

/** Lines examined by a pattern that cannot fall back to the linear-time engine. */
const BACKTRACKING_LINE_CAP = 4096;

export interface Query {
  /** Index of the first match in a line, or -1. */
  find(line: string): number;
  /** For literal, case-sensitive queries: the UTF-8 bytes, so files without them are never decoded. */
  bytes?: Buffer;
  /** A whole-text check that rules a file out without splitting it into lines. */
  mayMatch?: (text: string) => boolean;
  /** Only this many leading characters of each line are examined. */
  lineCap: number;
}

export function compileQuery(query: string, regex: boolean, caseSensitive: boolean): Query {
  if (query === '')
    throw invalidInput('query is empty.', 'Pass the text (or regex: true and a pattern) to find.');
  if (!regex) {
    if (/[\r\n]/.test(query))
      throw invalidInput(
        'query has a line break, but files are searched line by line.',
        'Search for one line of it, e.g. the most distinctive one.',
      );
    if (caseSensitive)
      return { find: (line) => line.indexOf(query), bytes: Buffer.from(query), lineCap: Infinity };
    const re = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    return { find: (line) => line.search(re), mayMatch: (text) => re.test(text), lineCap: Infinity };
  }
  const linear = enableLinearFallback();
  const flags = caseSensitive ? '' : 'i';
  let re: RegExp;
  try {
    re = new RegExp(query, flags);
  } catch (error) {
    throw invalidInput(
      `query is not a valid regular expression: ${(error as Error).message}`,
      'Fix the pattern (JavaScript syntax), or pass regex: false to search for the text as written.',
    );
  }
  if (linear && runsLinear(query, flags)) return { find: (line) => line.search(re), lineCap: Infinity };
  if (nestedQuantifier(query))
    throw invalidInput(
      'query nests quantifiers, e.g. (a+)+, together with a backreference or lookaround: that can take ' +
        'exponential time.',
      'Drop the outer quantifier or the backreference/lookaround, or search for a literal part with regex: false.',
    );
  return { find: (line) => line.search(re), lineCap: BACKTRACKING_LINE_CAP };
}

let linearSupported: boolean | undefined;

/**
 * Makes V8 re-run a regex on its linear-time engine once it backtracks too much, which defuses
 * catastrophic patterns such as (a+)+$. Process-wide, but results are unchanged: only the engine
 * differs. Patterns with backreferences or lookaround cannot use that engine.
 */
function enableLinearFallback(): boolean {
  if (linearSupported === undefined) {
    v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
    v8.setFlagsFromString('--enable-experimental-regexp-engine');
    linearSupported = runsLinear('a', '');
  }
  return linearSupported;
}

function runsLinear(source: string, flags: string): boolean {
  try {
    new RegExp(source, `${flags}l`);
    return true;
  } catch {
    return false;
  }
}

/** A quantified group that itself holds a quantifier: (a+)+, (\w*x)*, ((ab)+c){2,}. A heuristic. */
export function nestedQuantifier(source: string): boolean {
  const groups: boolean[] = [];
  let closedQuantified = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const after = closedQuantified;
    closedQuantified = false;
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') groups.push(false);
    else if (c === ')') {
      closedQuantified = groups.pop() ?? false;
      if (closedQuantified && groups.length) groups[groups.length - 1] = true;
    } else if (c === '*' || c === '+' || c === '{') {
      if (after) return true;
      if (groups.length) groups[groups.length - 1] = true;
    }
  }
  return false;
}

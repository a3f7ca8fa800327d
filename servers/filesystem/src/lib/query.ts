import v8 from 'node:v8';
import { invalidInput } from '@bastion-mcp/runtime';

export interface Query {
  /** Index of the first match in a line, or -1. */
  find(line: string): number;
  /** For literal, case-sensitive queries: the UTF-8 bytes, so files without them are never decoded. */
  bytes?: Buffer;
  /** A whole-text check that rules a file out without splitting it into lines. */
  mayMatch?: (text: string) => boolean;
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
    if (caseSensitive) return { find: (line) => line.indexOf(query), bytes: Buffer.from(query) };
    const re = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    return { find: (line) => line.search(re), mayMatch: (text) => re.test(text) };
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
  if (linear && runsLinear(query, flags)) return { find: (line) => line.search(re) };
  // Backreferences and lookaround need the backtracking engine, where patterns such as
  // (?=a)(a|aa)*$ take exponential time and would freeze the whole server: refuse them.
  throw invalidInput(
    'query uses a backreference or lookaround, which this server does not run (such patterns can take ' +
      'exponential time).',
    'Rewrite the pattern without \\1-style backreferences and (?=...)/(?<=...) lookaround, or search for a literal part with regex: false.',
  );
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

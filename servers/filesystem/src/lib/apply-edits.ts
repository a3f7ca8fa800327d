import { conflict, invalidInput, notFound } from '@bastion-mcp/runtime';

export interface Edit {
  oldText: string;
  newText: string;
  replaceAll?: boolean | undefined;
}

const REREAD = 'Read the file again and copy oldText exactly, whitespace included';

/**
 * Applies `edits` in order (each sees the result of the ones before) and returns the new text, or
 * throws a ToolError naming the first edit that cannot apply, so nothing is ever half-applied.
 * A file whose every line break is CRLF is edited as LF and written back as CRLF; a mixed file is
 * matched as it is. Whether the file ends with a newline is kept.
 */
export function applyEdits(content: string, edits: readonly Edit[]): string {
  const crlf = content.includes('\r\n');
  const mixed = crlf && /(^|[^\r])\n/.test(content);
  const norm = (s: string) => (mixed ? s : s.replace(/\r\n/g, '\n'));
  const before = norm(content);
  let text = before;
  edits.forEach((edit, i) => {
    text = applyOne(text, norm(edit.oldText), norm(edit.newText), edit.replaceAll ?? false, `edits[${i}]`);
  });
  // Models often add or drop a trailing newline by accident: the file's own ending wins.
  const ending = /\r?\n$/.exec(before)?.[0] ?? '';
  if (text !== '') text = text.replace(/\r?\n$/, '') + ending;
  return crlf && !mixed ? text.replace(/\n/g, '\r\n') : text;
}

function applyOne(text: string, oldText: string, newText: string, all: boolean, name: string): string {
  if (oldText === '') {
    throw invalidInput(
      `${name}.oldText is empty.`,
      'Give the exact text to replace; to add text, include a neighbouring line in oldText and newText.',
    );
  }
  if (all) {
    if (!text.includes(oldText))
      throw notFound(`${name}.oldText was not found.`, `${REREAD} (replaceAll matches exactly only).`);
    return text.split(oldText).join(newText);
  }
  const found = occurrences(text, oldText);
  if (found.count > 1) {
    throw conflict(
      `${name}.oldText matches ${found.count} places (${lineList(found.lines, found.count)}).`,
      'Add surrounding lines to oldText so it matches exactly one place, or pass replaceAll: true to replace every occurrence.',
    );
  }
  if (found.count === 1)
    return text.slice(0, found.first) + newText + text.slice(found.first + oldText.length);
  return looseReplace(text, oldText, newText, name);
}

const SHOWN = 10;

/** How often `needle` occurs, overlaps included (they make a match ambiguous too), and the first lines. */
function occurrences(text: string, needle: string): { count: number; first: number; lines: number[] } {
  const lines: number[] = [];
  let [count, first, line, scanned] = [0, -1, 1, 0];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
    if (count++ === 0) first = i;
    if (lines.length === SHOWN) continue;
    for (; scanned < i; scanned++) if (text.charCodeAt(scanned) === 10) line++;
    lines.push(line);
  }
  return { count, first, lines };
}

const lineList = (lines: number[], count: number) =>
  `lines ${lines.join(', ')}${count > lines.length ? ` and ${count - lines.length} more` : ''}`;
const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

/**
 * The whitespace-tolerant fallback: whole lines compared with surrounding whitespace trimmed, used
 * only when exactly one place matches. newText keeps its indentation relative to its first line,
 * re-based on the indentation of the first matched line in the file.
 */
function looseReplace(text: string, oldText: string, newText: string, name: string): string {
  const oldLines = toLines(oldText).map((l) => l.trim());
  const lines = text.split('\n');
  const trimmed = lines.map((l) => l.trim());
  const starts: number[] = [];
  if (oldLines.some((l) => l !== '')) {
    for (let i = 0; i + oldLines.length <= lines.length; i++) {
      if (oldLines.every((l, j) => trimmed[i + j] === l)) starts.push(i);
    }
  }
  if (starts.length !== 1) {
    const shown = starts.slice(0, SHOWN).map((s) => s + 1);
    const near = starts.length ? ` Ignoring indentation it matches ${lineList(shown, starts.length)}.` : '';
    throw notFound(
      `${name}.oldText was not found.${near}`,
      starts.length
        ? 'Copy oldText exactly (indentation included), or add surrounding lines so it matches one place.'
        : `${REREAD}; edits earlier in this call are applied first.`,
    );
  }
  const start = starts[0]!;
  const fileIndent = indentOf(lines[start]!);
  const newLines = toLines(newText);
  const base = indentOf(newLines[0] ?? '');
  const rebased = newLines.map((line) => {
    if (line.trim() === '') return '';
    const own = indentOf(line);
    if (own.startsWith(base)) return fileIndent + line.slice(base.length);
    // Less indented than newText's first line: step back from the file's indentation as far.
    return (
      fileIndent.slice(0, Math.max(0, fileIndent.length - (base.length - own.length))) + line.trimStart()
    );
  });
  lines.splice(start, oldLines.length, ...rebased);
  return lines.join('\n');
}

/** Lines of an edit's text; a trailing newline ends the last line rather than starting another. */
function toLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

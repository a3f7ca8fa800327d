/** A line with its terminator: `\n`, or none for a last line that has no final newline. */
type Op = { kind: ' ' | '-' | '+'; line: string };

const CONTEXT = 3;
/** Past this edit distance (or work), Myers is given up for one coarse hunk: see `diffLines`. */
const MAX_DISTANCE = 1000;
const MAX_WORK = 20_000_000;

/**
 * A git-style unified diff of two texts (`--- a/<path>`, `+++ b/<path>`, hunks with 3 lines of
 * context, `\ No newline at end of file` markers). Equal texts give ''.
 */
export function unifiedDiff(before: string, after: string, path: string): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  return `--- a/${path}\n+++ b/${path}\n${hunks(ops).join('\n')}\n`;
}

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => `${line}\n`);
  const last = lines.pop() as string;
  if (last !== '\n') lines.push(last.slice(0, -1));
  return lines;
}

function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) [endA, endB] = [endA - 1, endB - 1];
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  // A huge rewrite would cost quadratic memory to diff minimally; a valid coarser diff is enough.
  const middle = myers(midA, midB) ?? [...midA.map(op('-')), ...midB.map(op('+'))];
  return [...a.slice(0, start).map(op(' ')), ...middle, ...a.slice(endA).map(op(' '))];
}

const op = (kind: Op['kind']) => (line: string) => ({ kind, line });

/** Myers' O(ND) shortest edit script; undefined when it would cost more than the limits allow. */
function myers(a: string[], b: string[]): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const off = n + m + 1;
  const v = new Int32Array(2 * off + 1);
  const trace: Int32Array[] = [];
  let work = 0;
  for (let d = 0; d <= Math.min(n + m, MAX_DISTANCE); d++) {
    trace.push(v.slice(off - d, off + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!);
      let x = down ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) [x, y, work] = [x + 1, y + 1, work + 1];
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
      if (++work > MAX_WORK) return undefined;
    }
  }
  return undefined;
}

function backtrack(a: string[], b: string[], trace: Int32Array[], distance: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = distance; d > 0; d--) {
    const v = trace[d]!;
    const at = (k: number) => v[k + d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      [x, y] = [x - 1, y - 1];
      ops.push(op(' ')(a[x]!));
    }
    if (x === prevX) ops.push(op('+')(b[--y]!));
    else ops.push(op('-')(a[--x]!));
  }
  while (x > 0) ops.push(op(' ')(a[--x]!));
  return ops.reverse();
}

function hunks(ops: Op[]): string[] {
  const groups: [number, number][] = [];
  ops.forEach((o, i) => {
    if (o.kind === ' ') return;
    const last = groups.at(-1);
    if (last && i - last[1] - 1 <= 2 * CONTEXT) last[1] = i;
    else groups.push([i, i]);
  });
  // Lines of each side before op i, for the hunk headers.
  const oldBefore = [0];
  const newBefore = [0];
  ops.forEach((o, i) => {
    oldBefore.push(oldBefore[i]! + (o.kind === '+' ? 0 : 1));
    newBefore.push(newBefore[i]! + (o.kind === '-' ? 0 : 1));
  });
  const out: string[] = [];
  for (const [first, last] of groups) {
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length, last + CONTEXT + 1);
    const range = (before: number[]) => {
      const count = before[to]! - before[from]!;
      // An empty side is numbered by the line before it, as git does (`-0,0` for a new file).
      return `${count === 0 ? before[from] : before[from]! + 1},${count}`;
    };
    out.push(`@@ -${range(oldBefore)} +${range(newBefore)} @@`);
    for (const { kind, line } of ops.slice(from, to)) {
      if (line.endsWith('\n')) out.push(kind + line.slice(0, -1));
      else out.push(kind + line, '\\ No newline at end of file');
    }
  }
  return out;
}

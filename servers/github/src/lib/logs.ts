/**
 * Job logs are long and mostly noise; the failing step's last lines usually hold the answer.
 * GitHub writes one `##[group]<step name>` section per step, in step order: those sections are
 * matched to the failed steps by name, and each is cut to its last `tail` lines. Without a match
 * (a log format we do not recognise) the tail of the whole log is used.
 */
export interface LogSlice {
  step: string;
  from: number;
  to: number;
  total: number;
  text: string;
}

const STAMP = /^\d{4}-\d\d-\d\dT[\d:.]+Z /;

export function failingTails(log: string, failedSteps: readonly string[], tail: number): LogSlice[] {
  const lines = log.replace(/\n$/, '').split('\n');
  const starts: { name: string; at: number }[] = [];
  lines.forEach((line, at) => {
    const marker = /##\[group\](.*)$/.exec(line.replace(STAMP, ''));
    if (marker) starts.push({ name: (marker[1] as string).trim(), at });
  });
  const slices: LogSlice[] = [];
  for (const step of failedSteps) {
    const index = starts.findIndex(
      (s) => s.name === step || s.name === `Run ${step}` || step === `Run ${s.name}`,
    );
    if (index === -1) continue;
    const start = (starts[index] as { at: number }).at;
    const end = starts[index + 1]?.at ?? lines.length;
    slices.push(slice(lines, step, Math.max(start, end - tail), end));
  }
  return slices.length
    ? slices
    : [slice(lines, '(whole log)', Math.max(0, lines.length - tail), lines.length)];
}

/** Lines [from, to) of the log (0-based), for reading a given range. */
export function lineRange(log: string, offset: number, limit: number): LogSlice {
  const lines = log.replace(/\n$/, '').split('\n');
  return slice(lines, '(range)', Math.min(offset, lines.length), Math.min(offset + limit, lines.length));
}

function slice(lines: string[], step: string, from: number, to: number): LogSlice {
  return {
    step,
    from,
    to,
    total: lines.length,
    text: lines
      .slice(from, to)
      .map((l) => l.replace(STAMP, ''))
      .join('\n'),
  };
}

export interface BlameLine {
  line: number;
  hash: string;
  author: string;
  date: string;
  text: string;
}

export interface BlameCommit {
  author: string;
  email: string;
  date: string;
  summary: string;
}

const HEADER = /^([0-9a-f]{40,64}) \d+ (\d+)(?: \d+)?$/;

/**
 * Parses `git blame --porcelain`: per line a header "<hash> <orig> <final> [<count>]", then (the
 * first time a commit appears) its "key value" lines, then the line itself after a TAB.
 */
export function parseBlamePorcelain(raw: string): { lines: BlameLine[]; commits: Map<string, BlameCommit> } {
  const commits = new Map<string, BlameCommit>();
  const fields = new Map<string, Map<string, string>>();
  const lines: BlameLine[] = [];
  let current: { hash: string; line: number } | undefined;
  for (const row of raw.split('\n')) {
    if (current === undefined) {
      const match = HEADER.exec(row);
      if (match) current = { hash: match[1] as string, line: Number(match[2]) };
      continue;
    }
    if (row.startsWith('\t')) {
      const info = commitOf(current.hash, commits, fields);
      lines.push({
        line: current.line,
        hash: current.hash,
        author: info.author,
        date: info.date,
        text: row.slice(1),
      });
      current = undefined;
      continue;
    }
    const space = row.indexOf(' ');
    const own = fields.get(current.hash) ?? new Map<string, string>();
    fields.set(current.hash, own);
    if (space > 0) own.set(row.slice(0, space), row.slice(space + 1));
  }
  return { lines, commits };
}

function commitOf(
  hash: string,
  commits: Map<string, BlameCommit>,
  fields: Map<string, Map<string, string>>,
): BlameCommit {
  const known = commits.get(hash);
  if (known) return known;
  const f = fields.get(hash) ?? new Map<string, string>();
  const info = {
    author: f.get('author') ?? '',
    email: (f.get('author-mail') ?? '').replace(/^<|>$/g, ''),
    date: isoDate(Number(f.get('author-time') ?? 0), f.get('author-tz') ?? '+0000'),
    summary: f.get('summary') ?? '',
  };
  commits.set(hash, info);
  return info;
}

/** Unix seconds and a "+hhmm" zone as ISO 8601 in that zone, like git's %aI. */
export function isoDate(seconds: number, tz: string): string {
  const match = /^([+-])(\d{2})(\d{2})$/.exec(tz) ?? ['', '+', '00', '00'];
  const [, sign, hh, mm] = match as [string, string, string, string];
  const offset = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
  const local = new Date((seconds + offset * 60) * 1000).toISOString().slice(0, 19);
  return `${local}${sign}${hh}:${mm}`;
}

import { OFFICE, toCsv } from './content.js';
import { type ZipEntry, zipEntries, zipRead } from './zip.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(
          e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
        )
      : (ENTITIES[e] ?? m),
  );
/** The text of every <tag>...</tag> in `xml`, in order. */
const texts = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`, 'g'))].map((m) => decode(m[1] ?? ''));

/** Text of a docx, xlsx (CSV per sheet) or pptx (text per slide); throws when the file is malformed. */
export function officeText(mime: string, bytes: Buffer): string {
  const entries = zipEntries(bytes);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const read = (name: string) => {
    const entry = byName.get(name);
    return entry ? zipRead(bytes, entry).toString('utf8') : undefined;
  };
  if (mime === OFFICE.docx) {
    const xml = read('word/document.xml');
    if (!xml) throw new Error('no word/document.xml');
    return xml
      .split(/<\/w:p>/)
      .map((p) => texts(p.replace(/<w:tab\/>/g, '<w:t>\t</w:t>'), 'w:t').join(''))
      .join('\n')
      .trim();
  }
  if (mime === OFFICE.pptx) {
    const slides = entries
      .map((e) => ({ e, n: Number(/^ppt\/slides\/slide(\d+)\.xml$/.exec(e.name)?.[1]) }))
      .filter((s) => s.n > 0)
      .sort((a, b) => a.n - b.n);
    return slides
      .map(({ e, n }) => {
        const xml = zipRead(bytes, e).toString('utf8');
        const paragraphs = xml
          .split(/<\/a:p>/)
          .map((p) => texts(p, 'a:t').join(''))
          .filter(Boolean);
        return `--- slide ${n} ---\n${paragraphs.join('\n')}`;
      })
      .join('\n\n');
  }
  return xlsxText(read, entries);
}

function xlsxText(read: (name: string) => string | undefined, entries: ZipEntry[]): string {
  const shared = (read('xl/sharedStrings.xml') ?? '')
    .split(/<\/si>/)
    .slice(0, -1)
    .map((si) => texts(si, 't').join(''));
  const workbook = read('xl/workbook.xml') ?? '';
  const rels = read('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map(
    [...rels.matchAll(/<Relationship\s[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  const sheets = [...workbook.matchAll(/<sheet\s[^>]*name="([^"]*)"[^>]*r:id="([^"]+)"/g)].map((m) => ({
    name: decode(m[1] ?? ''),
    path: `xl/${(targets.get(m[2]) ?? '').replace(/^\/?xl\//, '')}`,
  }));
  const list = sheets.length
    ? sheets
    : entries
        .filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))
        .map((e) => ({ name: e.name, path: e.name }));
  return list
    .map(({ name, path }) => {
      const xml = read(path) ?? '';
      const rows: string[][] = [];
      for (const row of xml.split(/<\/row>/)) {
        const cells: string[] = [];
        for (const c of row.matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
          const attrs = c[1] ?? '';
          const col = /r="([A-Z]+)\d+"/.exec(attrs)?.[1] ?? '';
          const index = [...col].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
          const type = /t="(\w+)"/.exec(attrs)?.[1];
          const inner = c[2] ?? '';
          const raw = type === 'inlineStr' ? texts(inner, 't').join('') : (texts(inner, 'v')[0] ?? '');
          const value = type === 's' ? (shared[Number(raw)] ?? '') : raw;
          if (index >= 0) cells[index] = value;
          else cells.push(value);
        }
        if (cells.length) rows.push(Array.from(cells, (v) => v ?? ''));
      }
      return `## Sheet: ${name}\n${toCsv(rows)}`;
    })
    .join('\n\n');
}

/**
 * Text written by GitHub users (titles, bodies, comments, commit messages, logs) can hide
 * instructions from a human reviewer: Unicode tag characters, bidi controls, zero-width characters,
 * HTML comments and markup that renders as nothing. We drop the invisible characters and reduce
 * HTML to its visible text before the model sees it.
 */
/** Code points that render as nothing or reorder text: tags, bidi controls, zero-width and fillers. */
const INVISIBLE_RANGES: readonly [number, number][] = [
  [0xe0000, 0xe007f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
  [0x200b, 0x200f],
  [0x2060, 0x2064],
  [0x061c, 0x061c],
  [0xfeff, 0xfeff],
  [0x180e, 0x180e],
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x3164, 0x3164],
  [0xffa0, 0xffa0],
];

const isInvisible = (cp: number) => INVISIBLE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);

export function dropInvisible(value: string): string {
  let out = '';
  for (const ch of value) if (!isInvisible(ch.codePointAt(0) as number)) out += ch;
  return out;
}

const BLOCK_TAGS = /<\/?(?:p|div|br|li|ul|ol|tr|table|h[1-6]|details|summary|blockquote|pre)\b[^>]*>/gi;

export function sanitize(value: string | null | undefined): string {
  if (!value) return '';
  return dropInvisible(value)
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style|template)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(BLOCK_TAGS, '\n')
    .replace(/<\/?[a-z][a-z0-9-]*(?:\s[^>]*)?\/?>/gi, '')
    .replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e] ?? '')
    .replace(/\n{3,}/g, '\n\n');
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", nbsp: ' ' };

/** One line: sanitised, whitespace folded (titles, names in list rows). */
export function oneLine(value: string | null | undefined, max = 200): string {
  const line = sanitize(value).replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

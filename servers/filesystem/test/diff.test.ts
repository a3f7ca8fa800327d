import { describe, expect, it } from 'vitest';
import { splitLines, unifiedDiff } from '../src/lib/diff.js';

const lines = (n: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}\n`).join('');

describe('unifiedDiff', () => {
  it.each([
    ['equal texts', 'a\nb\n', 'a\nb\n', ''],
    ['one changed line', 'a\nb\nc\n', 'a\nB\nc\n', '@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n'],
    ['an empty file filled', '', 'x\ny\n', '@@ -0,0 +1,2 @@\n+x\n+y\n'],
    ['a file emptied', 'x\n', '', '@@ -1,1 +0,0 @@\n-x\n'],
    ['a line added at the end', 'a\n', 'a\nb\n', '@@ -1,1 +1,2 @@\n a\n+b\n'],
    [
      'a final newline added',
      'a\nb',
      'a\nb\n',
      '@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n',
    ],
    [
      'a final newline removed',
      'a\nb\n',
      'a\nc',
      '@@ -1,2 +1,2 @@\n a\n-b\n+c\n\\ No newline at end of file\n',
    ],
    [
      'an unchanged last line without newline as context',
      'a\nb',
      'A\nb',
      '@@ -1,2 +1,2 @@\n-a\n+A\n b\n\\ No newline at end of file\n',
    ],
  ])('%s', (_name, before, after, hunks) => {
    const expected = hunks === '' ? '' : `--- a/f.txt\n+++ b/f.txt\n${hunks}`;
    expect(unifiedDiff(before, after, 'f.txt')).toBe(expected);
  });

  it('keeps 3 lines of context and numbers hunks on both sides', () => {
    const before = lines(20);
    const after = before.replace('line 10\n', 'line ten\nline ten and a half\n');
    expect(unifiedDiff(before, after, 'src/x.ts')).toBe(
      '--- a/src/x.ts\n+++ b/src/x.ts\n@@ -7,7 +7,8 @@\n line 7\n line 8\n line 9\n-line 10\n' +
        '+line ten\n+line ten and a half\n line 11\n line 12\n line 13\n',
    );
  });

  it('splits changes more than 6 lines apart into hunks and merges closer ones', () => {
    const before = lines(30);
    const far = before.replace('line 2\n', 'two\n').replace('line 20\n', 'twenty\n');
    expect(unifiedDiff(before, far, 'f').match(/^@@.*$/gm)).toEqual(['@@ -1,5 +1,5 @@', '@@ -17,7 +17,7 @@']);
    const near = before.replace('line 2\n', 'two\n').replace('line 9\n', 'nine\n');
    expect(unifiedDiff(before, near, 'f').match(/^@@.*$/gm)).toEqual(['@@ -1,12 +1,12 @@']);
  });

  it('produces patches that rebuild the new text (seeded random texts)', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const randomText = () => {
      const out = Array.from({ length: rand(30) }, () => 'abcde'[rand(5)]).join('\n');
      return out && rand(2) ? `${out}\n` : out;
    };
    for (let i = 0; i < 300; i++) {
      const [before, after] = [randomText(), randomText()];
      expect(applyPatch(before, unifiedDiff(before, after, 'f'))).toBe(after);
    }
  });

  it('falls back to one coarse hunk when the edit distance is huge, and stays a valid patch', () => {
    const before = lines(3000);
    const after = before.replace(/^line (\d*[02468])$/gm, 'even $1');
    const diff = unifiedDiff(before, after, 'big');
    expect(diff.match(/^@@.*$/gm)).toEqual(['@@ -1,3000 +1,3000 @@']);
    expect(diff).toContain('\n-line 3000\n+even 2\n'); // every removal, then every addition
    expect(applyPatch(before, diff)).toBe(after);
  });
});

/** Applies a unified diff, checking every context and removed line against the old text. */
function applyPatch(before: string, diff: string): string {
  if (diff === '') return before;
  const old = splitLines(before);
  const out: string[] = [];
  let pos = 0;
  let last = '';
  const body = diff.split('\n').slice(2, -1);
  for (const line of body) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(line);
    if (header) {
      const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
      out.push(...old.slice(pos, start));
      pos = start;
    } else if (line === '\\ No newline at end of file') {
      if (last !== '-') out.push(out.pop()!.slice(0, -1));
    } else if (line[0] === '+') {
      out.push(`${line.slice(1)}\n`);
    } else {
      expect(old[pos]?.replace(/\n$/, '')).toBe(line.slice(1));
      if (line[0] === ' ') out.push(old[pos]!.endsWith('\n') ? old[pos]! : `${old[pos]}\n`);
      pos++;
    }
    last = line[0] ?? '';
  }
  return [...out, ...old.slice(pos)].join('');
}

import { ToolError } from '@bastion-mcp/runtime';
import { describe, expect, it } from 'vitest';
import { applyEdits, type Edit } from '../src/lib/apply-edits.js';

function failure(content: string, edits: Edit[]): ToolError {
  try {
    applyEdits(content, edits);
  } catch (error) {
    if (error instanceof ToolError) return error;
    throw error;
  }
  throw new Error('expected the edits to be refused');
}

describe('applyEdits', () => {
  it.each([
    ['a unique exact match', 'a\nb\nc\n', [{ oldText: 'b', newText: 'B' }], 'a\nB\nc\n'],
    ['a match inside a line', 'let x = 1;\n', [{ oldText: '= 1', newText: '= 2' }], 'let x = 2;\n'],
    [
      'edits in order, each seeing the last',
      'one\n',
      [
        { oldText: 'one', newText: 'two' },
        { oldText: 'two', newText: 'three' },
      ],
      'three\n',
    ],
    ['replaceAll', 'x = x + x\n', [{ oldText: 'x', newText: 'y', replaceAll: true }], 'y = y + y\n'],
    ['replaceAll with one occurrence', 'a b\n', [{ oldText: 'a', newText: 'c', replaceAll: true }], 'c b\n'],
    ['deleting text', 'a\nb\nc\n', [{ oldText: 'b\n', newText: '' }], 'a\nc\n'],
    [
      'CRLF file, LF edit',
      'a\r\nb\r\nc\r\n',
      [{ oldText: 'a\nb', newText: 'x\ny\nz' }],
      'x\r\ny\r\nz\r\nc\r\n',
    ],
    ['CRLF file, CRLF edit', 'a\r\nb\r\n', [{ oldText: 'a\r\nb', newText: 'c\r\nd' }], 'c\r\nd\r\n'],
    ['LF file, CRLF edit', 'a\nb\n', [{ oldText: 'a\r\nb', newText: 'c\r\nd' }], 'c\nd\n'],
    ['mixed endings matched as they are', 'a\r\nb\nc\r\n', [{ oldText: 'a\r\nb', newText: 'x' }], 'x\nc\r\n'],
    ['no final newline stays missing', 'a\nb', [{ oldText: 'b', newText: 'c\n' }], 'a\nc'],
    ['a final newline stays', 'a\nb\n', [{ oldText: 'b\n', newText: 'c' }], 'a\nc\n'],
    ['a final CRLF stays', 'a\r\nb\r\n', [{ oldText: 'b\r\n', newText: 'c' }], 'a\r\nc\r\n'],
    ['a no-op edit', 'a\n', [{ oldText: 'a', newText: 'a' }], 'a\n'],
  ])('applies %s', (_name, content, edits, expected) => {
    expect(applyEdits(content, edits)).toBe(expected);
  });

  describe('whitespace-tolerant fallback', () => {
    it.each([
      [
        'unindented oldText and newText, re-indented from the file',
        '  if (a) {\n    b();\n  }\n',
        { oldText: 'if (a) {\n  b();\n}', newText: 'if (x) {\n  c();\n  d();\n}' },
        '  if (x) {\n    c();\n    d();\n  }\n',
      ],
      ['trailing spaces ignored', 'a  \nb\n', { oldText: 'a\nb', newText: 'c' }, 'c\n'],
      ['tabs', '\tfoo\n\tbar\n', { oldText: 'foo\nbar', newText: 'baz\n\tqux' }, '\tbaz\n\t\tqux\n'],
      [
        'lines less indented than the first step back',
        '      deep\n    shallow\n',
        { oldText: '  deep\nshallow', newText: '  DEEP\nSHALLOW' },
        '      DEEP\n    SHALLOW\n',
      ],
      ['an empty newText deletes the lines', 'a\n  b\nc\n', { oldText: 'b  \n', newText: '' }, 'a\nc\n'],
      ['CRLF lines', '  a\r\n  b\r\n', { oldText: 'a\nb', newText: 'c' }, '  c\r\n'],
    ])('%s', (_name, content, edit, expected) => {
      expect(applyEdits(content, [edit])).toBe(expected);
    });
  });

  describe('refusals', () => {
    it('refuses an empty oldText', () => {
      const error = failure('a\n', [{ oldText: '', newText: 'x' }]);
      expect([error.kind, error.message]).toEqual(['invalid_input', 'edits[0].oldText is empty.']);
    });

    it('refuses text found nowhere, naming the edit', () => {
      const error = failure('a\nb\n', [
        { oldText: 'a', newText: 'x' },
        { oldText: 'zzz', newText: 'y' },
      ]);
      expect([error.kind, error.message]).toEqual(['not_found', 'edits[1].oldText was not found.']);
      expect(error.fix).toMatch(/copy oldText exactly/);
    });

    it('refuses several exact matches, listing their lines and both ways out', () => {
      const error = failure('x\ny\nx\n', [{ oldText: 'x', newText: 'z' }]);
      expect([error.kind, error.message]).toEqual([
        'conflict',
        'edits[0].oldText matches 2 places (lines 1, 3).',
      ]);
      expect(error.fix).toMatch(/surrounding lines.*replaceAll: true/);
    });

    it('lists the first 10 lines of many matches', () => {
      expect(failure('x\n'.repeat(12), [{ oldText: 'x', newText: 'y' }]).message).toBe(
        'edits[0].oldText matches 12 places (lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more).',
      );
    });

    it('counts overlapping matches as ambiguous', () => {
      expect(failure('aaa\n', [{ oldText: 'aa', newText: 'b' }]).message).toMatch(/matches 2 places/);
    });

    it('refuses an ambiguous whitespace-tolerant match', () => {
      const error = failure('  a\nb\n    a\n', [{ oldText: 'a  ', newText: 'c' }]);
      expect(error.kind).toBe('not_found');
      expect(error.message).toBe(
        'edits[0].oldText was not found. Ignoring indentation it matches lines 1, 3.',
      );
    });

    it('does not fall back for whitespace-only oldText', () => {
      expect(failure('a\n\n  \nb\n', [{ oldText: ' \n ', newText: 'x' }]).kind).toBe('not_found');
    });

    it('requires at least one exact occurrence for replaceAll (no fallback)', () => {
      const error = failure('  a\n', [{ oldText: 'a  ', newText: 'b', replaceAll: true }]);
      expect(error.kind).toBe('not_found');
      expect(error.fix).toMatch(/replaceAll matches exactly only/);
    });

    it('sees the text as earlier edits left it', () => {
      const edits = [
        { oldText: 'a', newText: 'b' },
        { oldText: 'b', newText: 'c' },
      ];
      expect(failure('a\nb\n', edits).message).toBe('edits[1].oldText matches 2 places (lines 1, 2).');
    });
  });
});

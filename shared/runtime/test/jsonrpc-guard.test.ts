import { describe, expect, it } from 'vitest';
import { checkMessage, idFromPrefix, MAX_DEPTH } from '../src/serve/jsonrpc-guard.js';
import { LineReader } from '../src/serve/line-reader.js';

const rejection = (text: string) => {
  const checked = checkMessage(text);
  return 'reject' in checked ? checked.reject : undefined;
};

describe('checkMessage', () => {
  it.each([
    ['{not json', null, -32700],
    ['{"jsonrpc":"2.0","id":"x"}', 'x', -32600],
    ['{"jsonrpc":"1.0","id":3,"method":"tools/list"}', 3, -32600],
    ['{"id":3,"method":"tools/list"}', 3, -32600],
    ['{"jsonrpc":"2.0","id":4,"method":"tools/list","params":"bad"}', 4, -32602],
    ['{"jsonrpc":"2.0","id":4,"method":"tools/list","params":[1]}', 4, -32602],
    ['{"jsonrpc":"2.0","method":"notifications/x","params":7}', null, -32602],
    ['{"jsonrpc":"2.0","id":5,"method":7}', 5, -32600],
    ['{"jsonrpc":"2.0","id":5,"method":""}', 5, -32600],
    ['{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}', null, -32600],
    ['{"jsonrpc":"2.0","id":1.5,"method":"ping"}', null, -32600],
    ['{"jsonrpc":"2.0","id":null,"method":"ping"}', null, -32600],
    ['[{"jsonrpc":"2.0","id":1,"method":"ping"}]', null, -32600],
    ['"text"', null, -32600],
    ['42', null, -32600],
    ['null', null, -32600],
  ])('answers %s with id %s and code %s', (text, id, code) => {
    expect(rejection(text)).toMatchObject({ id, code });
  });

  it('passes well-formed requests, notifications and responses', () => {
    for (const text of [
      '{"jsonrpc":"2.0","id":1,"method":"ping"}',
      '{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"x"}}',
      '{"jsonrpc":"2.0","method":"notifications/initialized"}',
      '{"jsonrpc":"2.0","id":1,"result":{}}',
    ]) {
      expect(checkMessage(text)).toHaveProperty('message');
    }
  });

  it('refuses nesting deeper than the limit, with the id, and accepts it at the limit', () => {
    const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const at = (n: number) => `{"jsonrpc":"2.0","id":"d","method":"x","params":{"a":${nest(n)}}}`;
    expect(rejection(at(MAX_DEPTH + 10))).toMatchObject({ id: 'd', code: -32600 });
    expect(checkMessage(at(MAX_DEPTH - 2))).toHaveProperty('message');
  });

  it('ignores blank lines', () => {
    expect(checkMessage('   ')).toEqual({ ignore: true });
  });
});

describe('idFromPrefix', () => {
  it.each([
    ['{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"x":"', 8],
    ['{"jsonrpc":"2.0","id":"abc","params":{"', 'abc'],
    ['{"params":{"id":5,"text":"', null],
    ['{"method":"x","params":{"s":"\\"id\\":4"},"id":"late"', 'late'],
    ['{"jsonrpc":"2.0","params":{"s":"', null],
    ['{"jsonrpc":"2.0","id":1.5,', null],
  ])('reads the top-level id of %s', (prefix, id) => {
    expect(idFromPrefix(prefix)).toBe(id);
  });
});

describe('LineReader', () => {
  const collect = (max: number) => {
    const lines: string[] = [];
    const oversize: Array<[string, number]> = [];
    const reader = new LineReader({
      maxLineBytes: max,
      onLine: (l) => lines.push(l),
      onOversize: (p, n) => oversize.push([p, n]),
    });
    return { reader, lines, oversize };
  };

  it('splits lines across chunks and strips a CR', () => {
    const { reader, lines } = collect(100);
    for (const part of ['ab', 'c\r\nde', 'f\n\ng', 'h\n']) reader.push(Buffer.from(part));
    expect(lines).toEqual(['abc', 'def', '', 'gh']);
  });

  it('skips a line over the limit, reports its size once, and reads the next line', () => {
    const { reader, lines, oversize } = collect(10);
    reader.push(Buffer.from('{"id":1,'));
    reader.push(Buffer.from('x'.repeat(50)));
    reader.push(Buffer.from('yy\nok\n'));
    expect(oversize).toHaveLength(1);
    expect(oversize[0]?.[1]).toBe(60);
    expect(oversize[0]?.[0].startsWith('{"id":1,')).toBe(true);
    expect(lines).toEqual(['ok']);
  });

  it('keeps a multi-byte character split across chunks intact', () => {
    const { reader, lines } = collect(100);
    const bytes = Buffer.from('é€\n');
    reader.push(bytes.subarray(0, 1));
    reader.push(bytes.subarray(1));
    expect(lines).toEqual(['é€']);
  });
});

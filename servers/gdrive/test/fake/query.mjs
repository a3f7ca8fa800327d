// @ts-check
// A real parser for the subset of Drive's `q` language the server uses: clauses joined by and/or,
// `not`, parentheses, string literals in '...' with \' and \\ escapes, `'x' in parents|owners|
// writers|readers`, comparisons (= != < <= > >=), `contains`, and bare booleans (sharedWithMe).
// Anything else is Drive's 400 "Invalid Value", so a broken escape in the server fails loudly here.

export class QueryError extends Error {}

/** @typedef {{ t: 'str', v: string } | { t: 'word', v: string } | { t: 'op', v: string } | { t: 'paren', v: string }} Token */

/** @param {string} q @returns {Token[]} */
export function tokenize(q) {
  /** @type {Token[]} */
  const out = [];
  let i = 0;
  while (i < q.length) {
    const c = /** @type {string} */ (q[i]);
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= q.length) throw new QueryError('unterminated string');
        const d = q[i];
        if (d === '\\') {
          const next = q[i + 1];
          if (next !== "'" && next !== '\\') throw new QueryError('bad escape');
          v += next;
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          v += d;
          i++;
        }
      }
      out.push({ t: 'str', v });
    } else if (c === '(' || c === ')') {
      out.push({ t: 'paren', v: c });
      i++;
    } else if ('=!<>'.includes(c)) {
      const two = q.slice(i, i + 2);
      const op = ['!=', '<=', '>='].includes(two) ? two : c;
      if (op === '!') throw new QueryError('bad operator');
      out.push({ t: 'op', v: op });
      i += op.length;
    } else if (/[A-Za-z0-9_.:-]/.test(c)) {
      let v = '';
      while (i < q.length && /[A-Za-z0-9_.:-]/.test(/** @type {string} */ (q[i]))) v += q[i++];
      out.push({ t: 'word', v });
    } else {
      throw new QueryError(`unexpected ${c}`);
    }
  }
  return out;
}

/**
 * @typedef {{ k: 'and' | 'or', a: Node, b: Node } | { k: 'not', a: Node } | { k: 'in', value: string, field: string }
 *   | { k: 'cmp', field: string, op: string, value: string | boolean } | { k: 'bare', field: string }} Node
 */

const FIELDS = new Set([
  'name',
  'fullText',
  'mimeType',
  'modifiedTime',
  'createdTime',
  'trashed',
  'starred',
  'sharedWithMe',
  'viewedByMeTime',
]);
const IN_FIELDS = new Set(['parents', 'owners', 'writers', 'readers']);

/** @param {string} q @returns {Node | undefined} */
export function parseQuery(q) {
  const tokens = tokenize(q);
  if (!tokens.length) return undefined;
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const t = tokens[pos++];
    if (!t) throw new QueryError('unexpected end');
    return t;
  };
  const isWord = (/** @type {Token | undefined} */ t, /** @type {string} */ w) =>
    t?.t === 'word' && t.v === w;
  /** @returns {Node} */
  const or = () => {
    let a = and();
    while (isWord(peek(), 'or')) {
      pos++;
      a = { k: 'or', a, b: and() };
    }
    return a;
  };
  /** @returns {Node} */
  const and = () => {
    let a = unary();
    while (isWord(peek(), 'and')) {
      pos++;
      a = { k: 'and', a, b: unary() };
    }
    return a;
  };
  /** @returns {Node} */
  const unary = () => {
    if (isWord(peek(), 'not')) {
      pos++;
      return { k: 'not', a: unary() };
    }
    const t = next();
    if (t.t === 'paren' && t.v === '(') {
      const inner = or();
      const close = next();
      if (close.t !== 'paren' || close.v !== ')') throw new QueryError('expected )');
      return inner;
    }
    if (t.t === 'str') {
      if (!isWord(next(), 'in')) throw new QueryError('expected in');
      const field = next();
      if (field.t !== 'word' || !IN_FIELDS.has(field.v)) throw new QueryError('bad in field');
      return { k: 'in', value: t.v, field: field.v };
    }
    if (t.t !== 'word' || !FIELDS.has(t.v)) throw new QueryError(`unknown field ${t.v}`);
    const op = peek();
    if (!op || (op.t !== 'op' && !isWord(op, 'contains'))) {
      if (t.v === 'sharedWithMe' || t.v === 'starred' || t.v === 'trashed') return { k: 'bare', field: t.v };
      throw new QueryError('expected operator');
    }
    pos++;
    const value = next();
    if (value.t === 'str') return { k: 'cmp', field: t.v, op: op.v, value: value.v };
    if (value.t === 'word' && (value.v === 'true' || value.v === 'false'))
      return { k: 'cmp', field: t.v, op: op.v, value: value.v === 'true' };
    throw new QueryError('expected a value');
  };
  const tree = or();
  if (pos !== tokens.length) throw new QueryError('trailing tokens');
  return tree;
}

/**
 * @typedef {{ name: string, mimeType: string, modifiedTime: string, createdTime: string, trashed: boolean,
 *   starred: boolean, sharedWithMe: boolean, text: string, parents: string[], owners: string[],
 *   writers: string[], readers: string[] }} Facts
 */

/** @param {Node | undefined} node @param {Facts} f @param {string} me @returns {boolean} */
export function matches(node, f, me) {
  if (!node) return true;
  switch (node.k) {
    case 'and':
      return matches(node.a, f, me) && matches(node.b, f, me);
    case 'or':
      return matches(node.a, f, me) || matches(node.b, f, me);
    case 'not':
      return !matches(node.a, f, me);
    case 'bare':
      return Boolean(f[/** @type {'trashed'} */ (node.field)]);
    case 'in': {
      const list = f[/** @type {'parents'} */ (node.field)];
      return list.includes(node.value === 'me' ? me : node.value);
    }
    case 'cmp': {
      const actual =
        node.field === 'fullText' ? `${f.name}\n${f.text}` : f[/** @type {'name'} */ (node.field)];
      const { op, value } = node;
      if (typeof value === 'boolean' || typeof actual === 'boolean') {
        if (op === '=') return actual === value;
        if (op === '!=') return actual !== value;
        throw new QueryError('bad boolean operator');
      }
      if (op === 'contains') return actual.toLowerCase().includes(value.toLowerCase());
      if (node.field.endsWith('Time')) {
        const a = Date.parse(actual);
        const b = Date.parse(value);
        if (Number.isNaN(b)) throw new QueryError('bad date');
        return (
          { '=': a === b, '!=': a !== b, '<': a < b, '<=': a <= b, '>': a > b, '>=': a >= b }[op] ?? false
        );
      }
      if (op === '=') return actual === value;
      if (op === '!=') return actual !== value;
      throw new QueryError('bad operator for field');
    }
  }
}

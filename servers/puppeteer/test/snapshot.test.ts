import { describe, expect, it } from 'vitest';
import { type AXNode, RefRegistry } from '../src/lib/refs.js';
import { changedLines, renderTree, shorten } from '../src/lib/snapshot.js';

let id = 1;
const n = (role: string, name = '', children: AXNode[] = [], extra: Partial<AXNode> = {}): AXNode =>
  ({
    role,
    name,
    children,
    backendNodeId: id++,
    loaderId: 'L1',
    elementHandle: async () => null,
    ...extra,
  }) as AXNode;
const text = (t: string) => n('StaticText', t, [n('InlineTextBox', t)]);
const render = (root: AXNode) => renderTree(root, new RefRegistry()).lines.join('\n');

describe('renderTree', () => {
  it('drops the page document line and unnamed wrappers; refs only where actions or sections are', () => {
    const tree = n('RootWebArea', 'Title', [
      n('generic', '', [
        n('heading', 'Hello', [text('Hello')], { level: 1 }),
        n('button', 'Go', [text('Go')]),
      ]),
      n('navigation', '', [n('link', 'Home', [text('Home')])]),
    ]);
    expect(render(tree)).toBe(
      [
        'heading "Hello" [level=1]',
        'button "Go" [ref=e1]',
        'navigation [ref=e2]',
        '  link "Home" [ref=e3]',
      ].join('\n'),
    );
  });

  it('merges text runs, keeps links inline, and shortens long text', () => {
    const long = 'word '.repeat(40).trim();
    const tree = n('RootWebArea', 'T', [
      n('paragraph', '', [text('Read the'), n('link', 'docs', [text('docs')]), text('first.')]),
      n('paragraph', '', [text(long)]),
    ]);
    const lines = render(tree).split('\n');
    expect(lines[0]).toBe('text: Read the link "docs" [ref=e1] first.');
    expect(lines[1]).toMatch(/^text: (word ){10,}word…$/);
    expect((lines[1] as string).length).toBeLessThanOrEqual(6 + 80);
  });

  it("does not repeat a label before its control, nor a control's own text", () => {
    const tree = n('RootWebArea', 'T', [
      n('LabelText', '', [text('Email')]),
      n('textbox', 'Email', [n('generic', '', [text('ada@example.com')])], { value: 'ada@example.com' }),
    ]);
    expect(render(tree)).toBe('textbox "Email" [ref=e1]: ada@example.com');
  });

  it('writes a row of plain cells on one line and shows only true states', () => {
    const tree = n('RootWebArea', 'T', [
      n('table', '', [n('row', '', [n('cell', '1', [text('1')]), n('cell', 'Ada', [text('Ada')])])]),
      n('checkbox', 'News', [], { checked: false }),
      n('checkbox', 'Terms', [], { checked: true }),
      n('button', 'Menu Menu', [], { expanded: false }),
    ]);
    expect(render(tree)).toBe(
      [
        'table [ref=e1]',
        '  row: 1 | Ada',
        'checkbox "News" [ref=e2]',
        'checkbox "Terms" [checked] [ref=e3]',
        'button "Menu" [ref=e4]',
      ].join('\n'),
    );
  });

  it('keeps refs stable for the same element and cuts at depth', () => {
    const refs = new RefRegistry();
    const button = n('button', 'Go');
    const tree = n('RootWebArea', 'T', [n('form', '', [button])]);
    const first = renderTree(tree, refs).lines.join('\n');
    const again = renderTree(tree, refs).lines.join('\n');
    expect(again).toBe(first);
    expect(renderTree(tree, refs, { depth: 0 }).lines).toEqual([
      'form [ref=e1]',
      '  … (1 children; raise depth)',
    ]);
  });
});

describe('changedLines and shorten', () => {
  it('lists removed and added lines only', () => {
    expect(changedLines('a\nb\nc', 'a\nB\nc')).toEqual(['- b', '+ B']);
    expect(changedLines('a\na', 'a')).toEqual(['- a']);
    expect(changedLines('x', 'x')).toEqual([]);
  });

  it('caps a long change list with a pointer to the snapshot', () => {
    const after = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const changed = changedLines('', after);
    expect(changed).toHaveLength(41);
    expect(changed.at(-1)).toMatch(/more changed lines; call browser_snapshot/);
  });

  it('cuts on a word boundary', () => {
    expect(shorten('short')).toBe('short');
    expect(shorten('alpha beta gamma delta', 15)).toBe('alpha…');
  });
});

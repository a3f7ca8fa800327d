import type { AXNode, RefRegistry } from './refs.js';

/** Roles a model can act on: these nodes get a [ref=eN]. */
export const ACTIONABLE = new Set([
  'button',
  'link',
  'textbox',
  'searchbox',
  'checkbox',
  'radio',
  'combobox',
  'listbox',
  'option',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'tab',
  'slider',
  'spinbutton',
  'switch',
  'treeitem',
  'ColorWell',
  'Date',
  'DateTime',
  'InputTime',
  'Iframe',
]);

/** Containers that get a ref too, so a subtree can be snapshot or read on its own. */
export const SECTIONS = new Set([
  'table',
  'grid',
  'list',
  'form',
  'main',
  'navigation',
  'region',
  'article',
  'dialog',
  'alertdialog',
  'complementary',
  'menu',
  'tablist',
  'tree',
]);

/** Roles that only group: shown by their children alone when they have no name. */
const TRANSPARENT = new Set([
  'generic',
  'none',
  'presentation',
  'group',
  'LineBreak',
  'paragraph',
  'Section',
  'LabelText',
  'rowgroup',
  'ignored',
]);
/** Never shown: text boxes and list bullets repeat what their parents say. */
const SKIP = new Set(['InlineTextBox', 'ListMarker']);
const CELLS = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);
/** Controls whose name or value already says everything their descendants' text would. */
const SELF_DESCRIBED = new Set([
  'textbox',
  'searchbox',
  'combobox',
  'spinbutton',
  'slider',
  'option',
  'ListBoxOption',
  // Date and time inputs: their inner month/day/year fields are filled through the input itself.
  'Date',
  'DateTime',
  'InputTime',
]);

export interface RenderOptions {
  depth?: number | undefined;
}

export interface Rendered {
  lines: string[];
  refs: number;
}

const kids = (node: AXNode) => (node.children ?? []) as AXNode[];
/** The node's name; Chromium doubles some ("Month Month"), said once here. */
const textOf = (node: AXNode) => {
  const name = (node.name ?? '').replace(/\s+/g, ' ').trim();
  const half = (name.length - 1) / 2;
  return Number.isInteger(half) && name[half] === ' ' && name.slice(0, half) === name.slice(half + 1)
    ? name.slice(0, half)
    : name;
};

/** Whether a subtree holds anything but text (something to act on or a structure to show). */
function hasStructure(node: AXNode): boolean {
  return kids(node).some(
    (child) =>
      ACTIONABLE.has(child.role) ||
      SECTIONS.has(child.role) ||
      (child.role !== 'StaticText' && !TRANSPARENT.has(child.role) && !SKIP.has(child.role)) ||
      hasStructure(child),
  );
}

/** The visible text of a subtree, joined. */
function flatText(node: AXNode): string {
  if (node.role === 'StaticText') return textOf(node);
  if (SKIP.has(node.role)) return '';
  return kids(node).map(flatText).filter(Boolean).join(' ');
}

/**
 * The accessibility tree as compact indented text: `role "name" [state] [ref=eN]: value`. Text
 * runs merge into one `text:` line, unnamed wrappers vanish, a row of plain cells is one line, and
 * text a node's name already says is not repeated.
 */
export function renderTree(root: AXNode, refs: RefRegistry, options: RenderOptions = {}): Rendered {
  const lines: string[] = [];
  let count = 0;
  const maxDepth = options.depth ?? Number.POSITIVE_INFINITY;
  const pad = (depth: number) => '  '.repeat(depth);

  // A run of text and the links inside it: one line, links inline as `link "name" [ref=eN]`.
  type Part = { text: string } | { link: string };
  const linkToken = (node: AXNode): string => {
    const ref = refs.refFor(node);
    if (ref) count++;
    return `link ${JSON.stringify(shorten(textOf(node) || flatText(node), 60))}${ref ? ` [ref=${ref}]` : ''}`;
  };

  const walkChildren = (node: AXNode, depth: number, parentName: string) => {
    let run: Part[] = [];
    let previous = '';
    // A label's text right before (or after) the control it names says nothing new.
    const flush = (next = '') => {
      const parts = run;
      run = [];
      const texts = parts.filter((p): p is { text: string } => 'text' in p && p.text.trim() !== '');
      if (!texts.length) {
        for (const p of parts) if ('link' in p) lines.push(`${pad(depth)}${p.link}`);
        return;
      }
      if (parts.length === 1 || texts.length === parts.length) {
        const joined = oneLine(texts.map((p) => p.text).join(' '));
        if (joined === parentName || joined === next || joined === previous) return;
        lines.push(`${pad(depth)}text: ${shorten(joined)}`);
        return;
      }
      const pieces = parts
        .map((p) => ('link' in p ? p.link : shorten(p.text, 60)))
        .filter((piece) => piece !== '');
      lines.push(`${pad(depth)}text: ${pieces.join(' ')}`);
    };
    for (const child of kids(node)) {
      if (child.role === 'StaticText') run.push({ text: textOf(child) });
      else if (child.role === 'link' && !hasStructure(child)) run.push({ link: linkToken(child) });
      else if (child.role === 'paragraph' && !hasStructure(child)) {
        // A paragraph is its own line, so shortening one never hides the next.
        flush();
        run.push({ text: flatText(child) });
        flush();
      } else if (TRANSPARENT.has(child.role) && !textOf(child) && !hasStructure(child))
        run.push({ text: flatText(child) });
      else {
        flush(textOf(child));
        walk(child, depth, parentName);
        previous = textOf(child);
      }
    }
    flush();
  };

  const walk = (node: AXNode, depth: number, parentName: string) => {
    if (SKIP.has(node.role)) return;
    const role = node.role === 'RootWebArea' ? 'document' : node.role;
    const name = textOf(node);
    if (TRANSPARENT.has(role) && !name) {
      walkChildren(node, depth, parentName);
      return;
    }
    const ref = ACTIONABLE.has(role) || SECTIONS.has(role) ? refs.refFor(node) : undefined;
    if (ref) count++;
    let line = `${pad(depth)}${describe(role, node, name)}${ref ? ` [ref=${ref}]` : ''}${value(node)}`;
    const children = kids(node);
    if (SELF_DESCRIBED.has(role) || !children.length) {
      lines.push(line);
      return;
    }
    if (!hasStructure(node)) {
      // Only text below: one line, unless the name already says it.
      const inner = flatText(node);
      if (!name && inner === parentName) return;
      if (inner && inner !== name)
        line += `${node.value !== undefined && node.value !== '' ? ' ' : ': '}${oneLine(inner)}`;
      lines.push(line);
      return;
    }
    if (role === 'row' && children.every((c) => CELLS.has(c.role) && !hasStructure(c))) {
      lines.push(`${line}: ${children.map((c) => shorten(textOf(c) || flatText(c), 40)).join(' | ')}`);
      return;
    }
    lines.push(line);
    if (depth + 1 > maxDepth) {
      lines.push(`${pad(depth + 1)}… (${children.length} children; raise depth)`);
      return;
    }
    walkChildren(node, depth + 1, name);
  };
  // The top document's title is in the answer's header already.
  if (root.role === 'RootWebArea') walkChildren(root, 0, textOf(root));
  else walk(root, 0, '');
  return { lines, refs: count };
}

function describe(role: string, node: AXNode, name: string): string {
  const states: string[] = [];
  if (node.level && role === 'heading') states.push(`level=${node.level}`);
  if (node.checked) states.push(node.checked === 'mixed' ? 'checked=mixed' : 'checked');
  if (node.pressed) states.push(node.pressed === 'mixed' ? 'pressed=mixed' : 'pressed');
  if (node.selected) states.push('selected');
  if (node.expanded) states.push('expanded');
  if (node.disabled) states.push('disabled');
  if (node.required) states.push('required');
  if (node.readonly) states.push('readonly');
  if (node.focused) states.push('focused');
  if (node.invalid && node.invalid !== 'false') states.push('invalid');
  const label = name ? ` ${JSON.stringify(oneLine(name))}` : '';
  return `${role}${label}${states.length ? ` [${states.join(', ')}]` : ''}`;
}

function value(node: AXNode): string {
  if (node.value === undefined || node.value === '') return '';
  return `: ${oneLine(String(node.value))}`;
}

/**
 * Text in a snapshot is for finding your way, not for reading: a long run keeps its start and ends
 * in "…" (browser_get_text reads it whole). Controls' names and values are never shortened this way.
 */
export const TEXT_CAP = 80;
export function shorten(text: string, cap = TEXT_CAP): string {
  const flat = oneLine(text);
  if (flat.length <= cap) return flat;
  const cut = flat.slice(0, cap - 10);
  const space = cut.lastIndexOf(' ');
  return `${space > cap / 2 ? cut.slice(0, space) : cut}…`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

/** Lines added and removed between two snapshots (multiset difference: cheap on huge pages). */
export function changedLines(before: string, after: string, max = 40): string[] {
  const count = new Map<string, number>();
  for (const line of before.split('\n')) count.set(line, (count.get(line) ?? 0) + 1);
  const added: string[] = [];
  for (const line of after.split('\n')) {
    const n = count.get(line) ?? 0;
    if (n > 0) count.set(line, n - 1);
    else added.push(`+ ${line.trimStart()}`);
  }
  const removed: string[] = [];
  for (const [line, n] of count) for (let i = 0; i < n; i++) removed.push(`- ${line.trimStart()}`);
  const all = [...removed, ...added];
  return all.length > max
    ? [...all.slice(0, max), `… ${all.length - max} more changed lines; call browser_snapshot`]
    : all;
}

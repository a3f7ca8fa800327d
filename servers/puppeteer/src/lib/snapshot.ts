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
]);

export interface RenderOptions {
  depth?: number | undefined;
}

export interface Rendered {
  lines: string[];
  refs: number;
}

/** The accessibility tree as compact indented text: `- role "name" [state] [ref=eN]: value`. */
export function renderTree(root: AXNode, refs: RefRegistry, options: RenderOptions = {}): Rendered {
  const lines: string[] = [];
  let count = 0;
  const maxDepth = options.depth ?? Number.POSITIVE_INFINITY;
  const walk = (node: AXNode, depth: number) => {
    const role = node.role === 'RootWebArea' ? 'document' : node.role;
    const name = (node.name ?? '').trim();
    const children = (node.children ?? []) as AXNode[];
    if (role === 'StaticText' || role === 'text') {
      if (name) lines.push(`${'  '.repeat(depth)}- text: ${oneLine(name)}`);
      return;
    }
    if (TRANSPARENT.has(role) && !name && !ACTIONABLE.has(role)) {
      for (const child of children) walk(child, depth);
      return;
    }
    const ref = ACTIONABLE.has(role) || SECTIONS.has(role) ? refs.refFor(node) : undefined;
    if (ref) count++;
    lines.push(
      `${'  '.repeat(depth)}- ${describe(role, node, name)}${ref ? ` [ref=${ref}]` : ''}${value(node)}`,
    );
    if (depth + 1 > maxDepth) {
      if (children.length)
        lines.push(`${'  '.repeat(depth + 1)}- … (${children.length} children; raise depth)`);
      return;
    }
    // A control whose only child repeats its name adds nothing.
    if (
      children.length === 1 &&
      children[0]?.role === 'StaticText' &&
      (children[0].name ?? '').trim() === name
    )
      return;
    for (const child of children) walk(child, depth + 1);
  };
  walk(root, 0);
  return { lines, refs: count };
}

function describe(role: string, node: AXNode, name: string): string {
  const states: string[] = [];
  if (node.level) states.push(`level=${node.level}`);
  if (node.checked !== undefined)
    states.push(node.checked === 'mixed' ? 'checked=mixed' : node.checked ? 'checked' : 'unchecked');
  if (node.pressed !== undefined) states.push(node.pressed === true ? 'pressed' : 'not pressed');
  if (node.selected) states.push('selected');
  if (node.expanded !== undefined) states.push(node.expanded ? 'expanded' : 'collapsed');
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

import { invalidInput, notFound, z } from '@bastion-mcp/runtime';
import type { ElementHandle } from 'puppeteer-core';
import type { AXNode } from './refs.js';
import { renderTree } from './snapshot.js';
import type { Tab } from './tab.js';

/** The fields every element tool takes: exactly one of ref or selector, plus a human label. */
export const targetFields = {
  ref: z
    .string()
    .optional()
    .describe('Ref from the latest browser_snapshot, e.g. "e12" (give this or selector)'),
  selector: z
    .string()
    .optional()
    .describe('CSS selector, or puppeteer\'s aria/Name[role="button"] or text/Some text (give this or ref)'),
  element: z.string().optional().describe('Human description of the element, used in messages'),
};

export interface TargetInput {
  ref?: string | undefined;
  selector?: string | undefined;
  element?: string | undefined;
}

export interface Target {
  handle: ElementHandle<Element>;
  label: string;
}

/** Resolves ref or selector to an element, with a clear error for every way it can fail. */
export async function resolveTarget(
  tab: Tab,
  input: TargetInput,
  timeoutMs: number,
  field = '',
): Promise<Target> {
  const { ref, selector } = input;
  const prefix = field ? `${field}: ` : '';
  if ((ref === undefined) === (selector === undefined))
    throw invalidInput(
      `${prefix}give exactly one of ref or selector (got ${ref === undefined ? 'neither' : 'both'}).`,
      'Pass ref from the latest browser_snapshot, or a CSS selector, not both.',
    );
  if (ref !== undefined) {
    const target = tab.refs.get(ref.replace(/^\[?ref=|\]$/g, ''));
    if (!target)
      throw notFound(
        `${prefix}ref "${ref}" is not in any snapshot of this tab.`,
        'Call browser_snapshot (or browser_find) and use a ref it shows.',
      );
    const handle = await target.node.elementHandle().catch(() => null);
    if (!handle)
      throw notFound(
        `${prefix}ref "${ref}" (${target.role} "${target.name}") is stale: the page navigated or the element is gone.`,
        'Call browser_snapshot again and use a fresh ref.',
      );
    return {
      handle: handle as ElementHandle<Element>,
      label: input.element ?? `${target.role} "${target.name}"`,
    };
  }
  // Half the action timeout at most, so the answer is "no match", not a timeout.
  const wait = Math.min(Math.floor(timeoutMs / 2), 5000);
  // A first look answers at once, and surfaces a syntax error that waiting would swallow.
  const now = await tab.page.$(selector as string).catch((error: Error) => {
    throw invalidInput(
      `${prefix}selector ${JSON.stringify(selector)} is not valid: ${error.message.split('\n')[0]}`,
    );
  });
  if (now)
    return {
      handle: now as ElementHandle<Element>,
      label: input.element ?? `selector ${JSON.stringify(selector)}`,
    };
  try {
    const handle = await tab.page.waitForSelector(selector as string, { timeout: wait });
    if (!handle) throw new Error('no match');
    return {
      handle: handle as ElementHandle<Element>,
      label: input.element ?? `selector ${JSON.stringify(selector)}`,
    };
  } catch (error) {
    const message = String((error as Error).message);
    if (/not a valid selector|SyntaxError|Unknown selector/i.test(message))
      throw invalidInput(
        `${prefix}selector ${JSON.stringify(selector)} is not valid: ${message.split('\n')[0]}`,
      );
    throw notFound(
      `${prefix}no element matches selector ${JSON.stringify(selector)} (waited ${wait} ms).`,
      'Check the selector, or use browser_snapshot/browser_find and pass a ref instead.',
    );
  }
}

export interface SnapshotOptions {
  ref?: string | undefined;
  depth?: number | undefined;
  iframes?: boolean | undefined;
}

/** Takes the accessibility snapshot of the tab (or a subtree) and renders it; remembers the full one. */
export async function snapshotText(
  tab: Tab,
  options: SnapshotOptions,
): Promise<{ text: string; refs: number }> {
  const root = options.ref ? (await resolveTarget(tab, { ref: options.ref }, 1000)).handle : undefined;
  const tree = (await tab.page.accessibility.snapshot({
    interestingOnly: false,
    includeIframes: options.iframes ?? true,
    ...(root ? { root } : {}),
  })) as AXNode | null;
  if (!tree) return { text: '(empty page)', refs: 0 };
  const { lines, refs } = renderTree(tree, tab.refs, { depth: options.depth });
  const text = lines.join('\n');
  if (!options.ref && options.depth === undefined) tab.lastSnapshot = text;
  return { text, refs };
}

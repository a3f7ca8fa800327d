import type { SerializedAXNode } from 'puppeteer-core';

/** puppeteer's serialized node also carries these (public at run time, not in its types). */
export type AXNode = SerializedAXNode & { backendNodeId?: number; loaderId?: string };

export interface RefTarget {
  ref: string;
  node: AXNode;
  role: string;
  name: string;
}

const MAX_REFS = 50_000;

/**
 * Refs handed to the model: `eN`, stable for one element of one document (keyed by the frame's
 * loader id and the backend node id), so a second snapshot of the same page keeps the same refs
 * and the diff after an action shows only real changes.
 */
export class RefRegistry {
  private byKey = new Map<string, string>();
  private byRef = new Map<string, RefTarget>();
  private next = 1;

  refFor(node: AXNode): string | undefined {
    if (node.backendNodeId === undefined) return undefined;
    const key = `${node.loaderId ?? ''}:${node.backendNodeId}`;
    let ref = this.byKey.get(key);
    if (!ref) {
      if (this.byKey.size >= MAX_REFS) this.clear();
      ref = `e${this.next++}`;
      this.byKey.set(key, ref);
    }
    this.byRef.set(ref, { ref, node, role: node.role, name: node.name ?? '' });
    return ref;
  }

  get(ref: string): RefTarget | undefined {
    return this.byRef.get(ref);
  }

  clear() {
    this.byKey.clear();
    this.byRef.clear();
  }
}

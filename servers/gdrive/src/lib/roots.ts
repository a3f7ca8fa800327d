/**
 * The --roots policy, pure: a file is inside when it is a root, lives in a shared drive that is a
 * root, or one of its real parent chains reaches a root. Parents come from a lookup (the Drive API
 * in the server, a table in tests) and are cached for `ttlMs`, so repeat calls cost no requests.
 */
export interface Placement {
  parents: readonly string[];
  /** The shared drive the file lives in, if any. */
  driveId?: string | undefined;
}

export type PlacementLookup = (id: string) => Promise<Placement | undefined>;

/** Deepest folder nesting we follow; Drive allows 100 levels. */
const MAX_DEPTH = 120;

/** Drive's alias for My Drive's root folder; parents always name the real id. */
export const MY_DRIVE = 'root';

export class Confinement {
  readonly roots: Set<string>;
  private readonly cache = new Map<string, { at: number; placement: Placement | undefined }>();
  private aliasResolved: Promise<void> | undefined;

  /** `resolveAlias` turns `root` (My Drive) into its real id, once, on first use. */
  constructor(
    roots: readonly string[],
    private readonly lookup: PlacementLookup,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
    private readonly resolveAlias: (alias: string) => Promise<string | undefined> = async () => undefined,
  ) {
    this.roots = new Set(roots);
  }

  private resolveAliases(): Promise<void> {
    if (!this.roots.has(MY_DRIVE)) return Promise.resolve();
    this.aliasResolved ??= this.resolveAlias(MY_DRIVE)
      .then((id) => {
        if (id) this.roots.add(id);
      })
      .catch((error) => {
        this.aliasResolved = undefined; // retried on the next call
        throw error;
      });
    return this.aliasResolved;
  }

  get active(): boolean {
    return this.roots.size > 0;
  }

  /** Remembers a placement the caller already fetched (a search result, a file's metadata). */
  remember(id: string, placement: Placement): void {
    this.cache.set(id, { at: this.now(), placement });
  }

  forget(id: string): void {
    this.cache.delete(id);
  }

  private async placement(id: string): Promise<Placement | undefined> {
    const hit = this.cache.get(id);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.placement;
    const placement = await this.lookup(id);
    this.cache.set(id, { at: this.now(), placement });
    return placement;
  }

  /** True when no roots are set, or `id` is a root or below one through any parent chain. */
  async allows(id: string): Promise<boolean> {
    if (!this.active) return true;
    await this.resolveAliases();
    const seen = new Set<string>();
    let frontier = [id];
    for (let depth = 0; frontier.length && depth < MAX_DEPTH; depth++) {
      const next: string[] = [];
      for (const current of frontier) {
        if (this.roots.has(current)) return true;
        if (seen.has(current)) continue;
        seen.add(current);
        const placement = await this.placement(current);
        if (!placement) continue;
        if (placement.driveId && this.roots.has(placement.driveId)) return true;
        next.push(...placement.parents);
      }
      frontier = next;
    }
    return false;
  }
}

import { type Ctx, withDrive } from '../tool.js';
import { FOLDER } from './content.js';
import { quote } from './query.js';
import { MY_DRIVE } from './roots.js';

/** Past this many folders under the roots, a search is only filtered, not confined in its query. */
export const MAX_TREE_FOLDERS = 40;
const TTL_MS = 60_000;
/** Per server (its Confinement), so two servers in one process never share a tree. */
const trees = new WeakMap<object, { at: number; folders: string[] | undefined }>();

/**
 * Every folder under --roots (the roots included), when there are at most MAX_TREE_FOLDERS of them:
 * Drive has no recursive query, so a search is confined by naming each folder as a parent. My Drive
 * as a root, or a bigger tree, gives undefined (the search is filtered after, as always). Cached for
 * a minute, so a search's pages see one tree.
 */
export async function rootFolders(ctx: Ctx): Promise<string[] | undefined> {
  const roots = [...ctx.state.confinement.roots];
  if (!roots.length || roots.includes(MY_DRIVE)) return undefined;
  const hit = trees.get(ctx.state.confinement);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.folders;
  const folders = await walk(ctx, roots);
  trees.set(ctx.state.confinement, { at: Date.now(), folders });
  return folders;
}

async function walk(ctx: Ctx, roots: string[]): Promise<string[] | undefined> {
  const seen = new Set(roots);
  const queue = [...roots];
  while (queue.length) {
    const batch = queue.splice(0, 10);
    const q = `${insideClause(batch)} and mimeType = ${quote(FOLDER)} and trashed = false`;
    let pageToken: string | undefined;
    do {
      const res = await withDrive(ctx, 'the folders under --roots', (g) =>
        g.drive.files.list(
          {
            q,
            pageSize: 100,
            fields: 'nextPageToken,files(id)',
            supportsAllDrives: true,
            includeItemsFromAllDrives: true,
            corpora: 'allDrives',
            ...(pageToken ? { pageToken } : {}),
          },
          { signal: ctx.signal },
        ),
      );
      for (const f of res.data.files ?? []) {
        if (!f.id || seen.has(f.id)) continue;
        seen.add(f.id);
        queue.push(f.id);
        if (seen.size > MAX_TREE_FOLDERS) return undefined;
      }
      pageToken = res.data.nextPageToken ?? undefined;
    } while (pageToken);
  }
  return [...seen];
}

/** The clause that keeps a search inside the folders (every file there has one of them as parent). */
export const insideClause = (folders: string[]) =>
  `(${folders.map((id) => `${quote(id)} in parents`).join(' or ')})`;

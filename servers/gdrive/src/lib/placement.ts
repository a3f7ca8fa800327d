import { accessDenied, invalidInput, type ToolContext } from '@bastion-mcp/runtime';
import { assertInside, type GdriveState } from '../tool.js';
import { toFileId } from './ids.js';

type Ctx = Pick<ToolContext<GdriveState>, 'state' | 'signal'>;

/**
 * The folder a new or moved file goes to: the given parentId (checked against --roots), or My
 * Drive when no roots are set. With roots, a destination is required: nothing is created outside.
 */
export async function destination(ctx: Ctx, parentId: string | undefined): Promise<string> {
  if (parentId) {
    const id = toFileId('parentId', parentId);
    await assertInside(ctx, 'parentId', id);
    return id;
  }
  if (ctx.state.confinement.active)
    throw invalidInput(
      'parentId is required: this server is confined to --roots.',
      `Pass a folder inside the roots (${[...ctx.state.confinement.roots].join(', ')}).`,
    );
  return 'root';
}

/** Refuses a move that would take the file out of a folder outside the roots (changing that folder). */
export async function assertParentsInside(ctx: Ctx, parents: readonly string[]): Promise<void> {
  for (const parent of parents) {
    if (!(await ctx.state.confinement.allows(parent)))
      throw accessDenied(
        `the file also sits in folder ${parent}, outside --roots; moving it would change that folder.`,
        'Copy it instead (copy_file), or ask the operator to widen the roots.',
      );
  }
}

/** The parents of a file that lie inside --roots; refuses when there are none (a root itself). */
export async function insideParents(ctx: Ctx, parents: readonly string[]): Promise<string[]> {
  const inside: string[] = [];
  for (const parent of parents) if (await ctx.state.confinement.allows(parent)) inside.push(parent);
  if (!inside.length)
    throw invalidInput(
      'parentId is required: the file has no parent folder inside --roots.',
      'Pass a folder inside the roots.',
    );
  return inside;
}

/** Per-call options for calls that may upload: the client-wide rootUrl does not reach media uploads. */
export function uploadOptions(rootUrl: string | undefined, signal: AbortSignal) {
  return { signal, ...(rootUrl ? { rootUrl } : {}) };
}

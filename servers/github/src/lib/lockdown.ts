import type { Ctx } from '../tool.js';
import { withSignal } from './client.js';

/**
 * The body to show for text by `author` in owner/repo. With --lockdown, in a public repository,
 * text by someone without push access is withheld (see Lockdown).
 */
export async function shownBody(
  ctx: Ctx,
  owner: string,
  repo: string,
  author: string | undefined,
  body: string,
): Promise<string> {
  const lockdown = ctx.state.lockdown;
  if (!lockdown || !body) return body;
  const allowed = await lockdown.trusted(ctx, owner, repo, author);
  return allowed
    ? body
    : `[withheld by --lockdown: ${author ?? 'an unknown author'} has no push access to ${owner}/${repo}]`;
}

interface Entry {
  value: boolean;
  expires: number;
}

/**
 * Whether an author may be shown under --lockdown: private repositories are trusted as a whole
 * (only collaborators can write there); in public ones the author needs push access. Answers are
 * cached for `ttlMs`, so a long thread costs one permission call per author.
 */
export class Lockdown {
  private readonly cache = new Map<string, Entry>();

  constructor(private readonly ttlMs = 5 * 60_000) {}

  async trusted(ctx: Ctx, owner: string, repo: string, author: string | undefined): Promise<boolean> {
    if (!author) return false;
    const key = `${owner}/${repo}/${author}`.toLowerCase();
    const hit = this.cache.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const value = await this.check(ctx, owner, repo, author);
    this.cache.set(key, { value, expires: Date.now() + this.ttlMs });
    return value;
  }

  private async check(ctx: Ctx, owner: string, repo: string, author: string): Promise<boolean> {
    const api = withSignal(await ctx.state.client.get(), ctx.signal);
    try {
      const visibility = await this.visibility(ctx, owner, repo);
      if (visibility === 'private') return true;
      const { data } = await api.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: author });
      return (
        data.user?.permissions?.push === true || ['admin', 'write', 'maintain'].includes(data.permission)
      );
    } catch {
      // Unknown means untrusted: a failed check never shows the text.
      return false;
    }
  }

  private readonly visibilities = new Map<string, Entry>();

  private async visibility(ctx: Ctx, owner: string, repo: string): Promise<'private' | 'public'> {
    const key = `${owner}/${repo}`.toLowerCase();
    const hit = this.visibilities.get(key);
    if (hit && hit.expires > Date.now()) return hit.value ? 'private' : 'public';
    const api = withSignal(await ctx.state.client.get(), ctx.signal);
    const { data } = await api.rest.repos.get({ owner, repo });
    this.visibilities.set(key, { value: data.private, expires: Date.now() + this.ttlMs });
    return data.private ? 'private' : 'public';
  }
}

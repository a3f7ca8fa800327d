import { accessDenied, invalidInput } from '@bastion-mcp/runtime';
import { type Ctx, gh, inRepo } from '../tool.js';
import { cleanRef } from './paths.js';
import { isOwnerName } from './policy.js';

/**
 * Checks a pull request's `head`: `branch`, or `owner:branch` for a fork. GitHub takes
 * owner:branch from that owner's repository in the base's fork network, whatever its name, so
 * under --repos a listed repository of that owner must be that very fork. Only listed
 * repositories are read to find out.
 */
export async function checkHead(ctx: Ctx, owner: string, repo: string, head: string): Promise<string> {
  const parts = head.split(':');
  if (parts.length > 2)
    throw invalidInput(`head: "${head}" has more than one ":".`, 'Pass branch, or owner:branch for a fork.');
  const [headOwner, branch] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (headOwner !== undefined && !isOwnerName(headOwner))
    throw invalidInput(
      `head: "${headOwner}" is not a GitHub owner.`,
      'Pass branch, or owner:branch for a fork.',
    );
  const ref = cleanRef(branch ?? '', 'head');
  // What is sent is rebuilt from the checked parts, never the string as given.
  const checked = headOwner === undefined ? ref : `${headOwner}:${ref}`;
  const policy = ctx.state.policy;
  if (headOwner === undefined || !policy.restricted) return checked;
  if (headOwner.toLowerCase() === owner.toLowerCase() || policy.allowsOwner(headOwner)) return checked;
  // No listed repository of that owner at all: refused before any request.
  if (!policy.listsOwner(headOwner)) inRepo(ctx, headOwner, repo, 'the head repository');
  const networkOf = async (o: string, r: string) => {
    const { data } = await gh(ctx, `${o}/${r}`, (api) => api.rest.repos.get({ owner: o, repo: r }));
    return (data.source?.full_name ?? data.full_name).toLowerCase();
  };
  const base = await networkOf(owner, repo);
  const candidates = policy.rules.filter((rule) => rule.owner === headOwner.toLowerCase());
  for (const rule of candidates) {
    const network = await networkOf(rule.owner, rule.name).catch(() => undefined);
    if (network === base) return checked;
  }
  throw accessDenied(
    `head: ${head} comes from ${headOwner}'s fork of ${owner}/${repo}, and none of ${candidates.map((r) => `${r.owner}/${r.name}`).join(', ')} (the repositories of ${headOwner} in --repos) is that fork.`,
    'Open the pull request from a branch of an allowed repository, or ask the operator to list the fork in --repos.',
  );
}

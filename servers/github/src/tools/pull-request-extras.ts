import { invalidInput, ToolError, z } from '@bastion-mcp/runtime';
import { gql } from '../lib/graphql.js';
import { type Ctx, gh } from '../tool.js';

export const reviewersField = z
  .array(z.string().min(1).max(140))
  .max(15)
  .optional()
  .describe('Reviewers to request: GitHub logins, or ORG/team-slug for teams of the owner organisation');

export interface Reviewers {
  reviewers: string[];
  team_reviewers: string[];
}

/** Splits logins from ORG/team-slug; checked before any request, so a bad entry sends nothing. */
export function splitReviewers(owner: string, entries: readonly string[] | undefined): Reviewers | undefined {
  if (!entries?.length) return undefined;
  const out: Reviewers = { reviewers: [], team_reviewers: [] };
  for (const entry of entries) {
    const [org, slug, extra] = entry.split('/');
    if (slug === undefined) out.reviewers.push(entry);
    else if (org?.toLowerCase() === owner.toLowerCase() && slug && extra === undefined)
      out.team_reviewers.push(slug);
    else
      throw invalidInput(
        `reviewers entry "${entry}" is not a team of ${owner}.`,
        `Pass a login, or ${owner}/<team-slug> (GitHub only takes teams of the repository's organisation).`,
      );
  }
  return out;
}

/** A step after a create or update: its failure says the pull request change itself happened. */
async function followUp(done: string | undefined, step: string, run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (!done || !(error instanceof ToolError)) throw error;
    throw new ToolError(error.kind, `${done}, but ${step} failed: ${error.message}`, error.fix);
  }
}

/** Requests reviews after a create or update. */
export async function requestReviewers(
  ctx: Ctx,
  pr: { owner: string; repo: string; pull_number: number; done: string },
  who: Reviewers,
) {
  const { owner, repo, pull_number } = pr;
  await followUp(pr.done, 'requesting reviewers', () =>
    gh(ctx, `reviewers of ${owner}/${repo}#${pull_number}`, (api) =>
      api.rest.pulls.requestReviewers({ owner, repo, pull_number, ...who }),
    ),
  );
}

const CONVERT_TO_DRAFT =
  'mutation ConvertToDraft($id: ID!) { convertPullRequestToDraft(input: { pullRequestId: $id }) { pullRequest { number isDraft } } }';
const MARK_READY =
  'mutation MarkReady($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { number isDraft } } }';

/** REST cannot change a pull request's draft state; GraphQL can, by its node ID. */
export async function setDraft(ctx: Ctx, what: string, nodeId: string, draft: boolean, done?: string) {
  await followUp(done, 'changing the draft state', () =>
    gql(ctx, what, draft ? CONVERT_TO_DRAFT : MARK_READY, { id: nodeId }),
  );
}

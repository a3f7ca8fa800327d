import { invalidInput, z } from '@bastion-mcp/runtime';
import { writeResult } from '../lib/render.js';
import { gh, inRepo, repoInput, tool } from '../tool.js';
import { issueNumber } from './issue-read.js';

export const subIssueWrite = tool({
  name: 'sub_issue_write',
  title: 'Add, remove or reprioritise a sub-issue',
  description:
    'method add, remove or reprioritize a sub-issue of an issue. Under --repos, name the sub-issue by sub_issue_owner/sub_issue_repo/sub_issue_number so its repository can be checked.',
  kind: 'write',
  openWorld: true,
  toolset: 'issues',
  input: z.object({
    method: z.enum(['add', 'remove', 'reprioritize']).describe('What to do'),
    ...repoInput,
    issue_number: issueNumber.describe('The parent issue'),
    sub_issue_id: z.number().int().positive().optional().describe('ID (not number) of the sub-issue'),
    sub_issue_owner: z
      .string()
      .max(39)
      .optional()
      .describe('Owner of the sub-issue repository (instead of sub_issue_id)'),
    sub_issue_repo: z
      .string()
      .max(100)
      .optional()
      .describe('Repository of the sub-issue (instead of sub_issue_id)'),
    sub_issue_number: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Number of the sub-issue (instead of sub_issue_id)'),
    replace_parent: z.boolean().optional().describe('Move the sub-issue from its current parent (add only)'),
    after_id: z.number().int().positive().optional().describe('Place after this sub-issue ID (reprioritize)'),
    before_id: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Place before this sub-issue ID (reprioritize)'),
  }),
  async handle(input, ctx) {
    const { owner, repo, issue_number, method } = input;
    const full = inRepo(ctx, owner, repo);
    const subId = await resolveSubIssue(input, ctx);
    const what = `sub-issues of ${full}#${issue_number}`;
    if (method === 'add') {
      const { data } = await gh(ctx, what, (api) =>
        api.rest.issues.addSubIssue({
          owner,
          repo,
          issue_number,
          sub_issue_id: subId,
          ...(input.replace_parent ? { replace_parent: true } : {}),
        }),
      );
      return writeResult(`Added sub-issue ${subId} to #${issue_number}`, {
        id: data.id,
        number: data.number,
        url: data.html_url,
      });
    }
    if (method === 'remove') {
      const { data } = await gh(ctx, what, (api) =>
        api.rest.issues.removeSubIssue({ owner, repo, issue_number, sub_issue_id: subId }),
      );
      return writeResult(`Removed sub-issue ${subId} from #${issue_number}`, {
        id: data.id,
        number: data.number,
        url: data.html_url,
      });
    }
    if (!input.after_id === !input.before_id)
      throw invalidInput('reprioritize needs exactly one of after_id and before_id.');
    const { data } = await gh(ctx, what, (api) =>
      api.rest.issues.reprioritizeSubIssue({
        owner,
        repo,
        issue_number,
        sub_issue_id: subId,
        ...(input.after_id ? { after_id: input.after_id } : { before_id: input.before_id }),
      }),
    );
    return writeResult(`Moved sub-issue ${subId} in #${issue_number}`, {
      id: data.id,
      number: data.number,
      url: data.html_url,
    });
  },
});

/**
 * A bare sub_issue_id can name an issue in any repository, which --repos cannot check: under
 * --repos the sub-issue must be named by repository and number, and its ID is read from there.
 */
async function resolveSubIssue(
  input: {
    sub_issue_id?: number | undefined;
    sub_issue_owner?: string | undefined;
    sub_issue_repo?: string | undefined;
    sub_issue_number?: number | undefined;
  },
  ctx: Parameters<typeof subIssueWrite.handle>[1],
): Promise<number> {
  const { sub_issue_owner: o, sub_issue_repo: r, sub_issue_number: n } = input;
  if (o && r && n) {
    const full = inRepo(ctx, o, r, 'the sub-issue repository');
    const { data } = await gh(ctx, `issue ${full}#${n}`, (api) =>
      api.rest.issues.get({ owner: o, repo: r, issue_number: n }),
    );
    if (input.sub_issue_id && input.sub_issue_id !== data.id)
      throw invalidInput(
        `sub_issue_id ${input.sub_issue_id} is not the ID of ${full}#${n} (${data.id}).`,
        'Pass one way of naming the sub-issue.',
      );
    return data.id;
  }
  if (o || r || n)
    throw invalidInput(
      'sub_issue_owner, sub_issue_repo and sub_issue_number go together.',
      'Pass all three, or sub_issue_id alone.',
    );
  if (!input.sub_issue_id)
    throw invalidInput(
      'name the sub-issue: sub_issue_id, or sub_issue_owner + sub_issue_repo + sub_issue_number.',
    );
  if (ctx.state.policy.restricted) {
    throw invalidInput(
      'under --repos a bare sub_issue_id cannot be checked against the allowed repositories.',
      'Name the sub-issue by sub_issue_owner, sub_issue_repo and sub_issue_number instead.',
    );
  }
  return input.sub_issue_id;
}

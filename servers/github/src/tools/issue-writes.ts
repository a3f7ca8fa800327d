import { invalidInput, z } from '@bastion-mcp/runtime';
import { writeResult } from '../lib/render.js';
import { gh, inRepo, repoInput, tool } from '../tool.js';
import { issueNumber } from './issue-read.js';

export const issueWrite = tool({
  name: 'issue_write',
  title: 'Create or update an issue',
  description:
    'method create (title required) or update (issue_number required): title, body, state, labels, assignees, milestone, type.',
  kind: 'write',
  openWorld: true,
  toolset: 'issues',
  input: z.object({
    method: z.enum(['create', 'update']).describe('create a new issue or update an existing one'),
    ...repoInput,
    issue_number: issueNumber.optional().describe('Issue to update (update only)'),
    title: z.string().min(1).max(256).optional().describe('Title (required to create)'),
    body: z.string().max(65_536).optional().describe('Body in Markdown'),
    state: z.enum(['open', 'closed']).optional().describe('New state (update only)'),
    state_reason: z
      .enum(['completed', 'not_planned', 'duplicate', 'reopened'])
      .optional()
      .describe('Why the state changed (update only)'),
    labels: z.array(z.string().min(1)).optional().describe('Labels (replaces the set on update)'),
    assignees: z.array(z.string().min(1)).optional().describe('Assignee logins (replaces the set on update)'),
    milestone: z.number().int().positive().optional().describe('Milestone number'),
    type: z.string().max(100).optional().describe('Issue type name (organisations with issue types)'),
  }),
  async handle(input, ctx) {
    const { owner, repo, method } = input;
    const full = inRepo(ctx, owner, repo);
    const fields = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.labels ? { labels: input.labels } : {}),
      ...(input.assignees ? { assignees: input.assignees } : {}),
      ...(input.milestone ? { milestone: input.milestone } : {}),
      ...(input.type ? { type: input.type } : {}),
    };
    if (method === 'create') {
      if (!input.title) throw invalidInput('title is required to create an issue.', 'Pass a title.');
      if (input.issue_number || input.state)
        throw invalidInput(
          'issue_number and state are for method update.',
          'Drop them, or use method "update".',
        );
      const { data } = await gh(ctx, `new issue in ${full}`, (api) =>
        api.rest.issues.create({ owner, repo, title: input.title as string, ...fields }),
      );
      return writeResult(`Created #${data.number}`, { id: data.id, number: data.number, url: data.html_url });
    }
    if (!input.issue_number)
      throw invalidInput(
        'issue_number is required for method update.',
        'Pass the number of the issue to update.',
      );
    const issue_number = input.issue_number;
    const { data } = await gh(ctx, `issue ${full}#${issue_number}`, (api) =>
      api.rest.issues.update({
        owner,
        repo,
        issue_number,
        ...fields,
        ...(input.state ? { state: input.state } : {}),
        ...(input.state_reason ? { state_reason: input.state_reason } : {}),
      }),
    );
    return writeResult(`Updated #${data.number}`, { id: data.id, number: data.number, url: data.html_url });
  },
});

export const addIssueComment = tool({
  name: 'add_issue_comment',
  title: 'Comment on an issue or pull request',
  description: 'Add a comment to an issue or pull request.',
  kind: 'write',
  openWorld: true,
  toolset: 'issues',
  input: z.object({
    ...repoInput,
    issue_number: issueNumber,
    body: z.string().min(1).max(65_536).describe('Comment in Markdown'),
  }),
  async handle({ owner, repo, issue_number, body }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const { data } = await gh(ctx, `${full}#${issue_number}`, (api) =>
      api.rest.issues.createComment({ owner, repo, issue_number, body }),
    );
    return writeResult(`Commented on #${issue_number}`, {
      id: data.id,
      number: issue_number,
      url: data.html_url,
    });
  },
});

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

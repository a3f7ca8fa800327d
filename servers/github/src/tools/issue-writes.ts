import { invalidInput, z } from '@bastion-mcp/runtime';
import { writeResult } from '../lib/render.js';
import { type Ctx, gh, inRepo, repoInput, tool } from '../tool.js';
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
    duplicate_of: issueNumber
      .optional()
      .describe(
        'Issue in the same repository that this one duplicates: closes it as a duplicate (update only)',
      ),
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
      if (input.issue_number || input.state || input.duplicate_of)
        throw invalidInput(
          'issue_number, state and duplicate_of are for method update.',
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
    const duplicate = input.duplicate_of ? await duplicateOf(ctx, input, full) : {};
    const { data } = await gh(ctx, `issue ${full}#${issue_number}`, (api) =>
      api.rest.issues.update({
        owner,
        repo,
        issue_number,
        ...fields,
        ...(input.state ? { state: input.state } : {}),
        ...(input.state_reason ? { state_reason: input.state_reason } : {}),
        ...duplicate,
      }),
    );
    return writeResult(`Updated #${data.number}`, { id: data.id, number: data.number, url: data.html_url });
  },
});

/** duplicate_of closes as a duplicate; GitHub's REST API wants the other issue's ID, read here. */
async function duplicateOf(
  ctx: Ctx,
  input: { owner: string; repo: string; duplicate_of?: number; state?: string; state_reason?: string },
  full: string,
) {
  const { owner, repo, duplicate_of: issue_number } = input;
  if (!issue_number) return {};
  if ((input.state && input.state !== 'closed') || (input.state_reason && input.state_reason !== 'duplicate'))
    throw invalidInput(
      'duplicate_of closes the issue as a duplicate.',
      'Drop state and state_reason, or pass state "closed" and state_reason "duplicate".',
    );
  const { data } = await gh(ctx, `issue ${full}#${issue_number} (duplicate_of)`, (api) =>
    api.rest.issues.get({ owner, repo, issue_number }),
  );
  return { state: 'closed' as const, state_reason: 'duplicate' as const, duplicate_issue_id: data.id };
}

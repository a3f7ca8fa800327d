import { invalidInput, z } from '@bastion-mcp/runtime';
import { writeResult } from '../lib/render.js';
import { gh, inRepo, repoInput, tool, webUrl } from '../tool.js';
import { issueNumber } from './issue-read.js';

const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'] as const;

/** github-mcp-server's add_issue_comment: a comment, a reaction to the issue, or a reaction to a comment. */
export const addIssueComment = tool({
  name: 'add_issue_comment',
  title: 'Comment on an issue or pull request',
  description:
    'Add a comment and/or a reaction to an issue or pull request, or a reaction to one of its comments (comment_id). At least one of body or reaction.',
  kind: 'write',
  openWorld: true,
  toolset: 'issues',
  input: z.object({
    ...repoInput,
    issue_number: issueNumber,
    body: z.string().min(1).max(65_536).optional().describe('Comment in Markdown'),
    reaction: z.enum(REACTIONS).optional().describe('Emoji reaction to add'),
    comment_id: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('React to this comment instead of the issue (with reaction, without body)'),
  }),
  async handle({ owner, repo, issue_number, body, reaction, comment_id }, ctx) {
    const full = inRepo(ctx, owner, repo);
    if (body === undefined && reaction === undefined)
      throw invalidInput(
        'body or reaction is required.',
        'Pass body to comment, reaction to react, or both.',
      );
    if (comment_id !== undefined && (body !== undefined || reaction === undefined))
      throw invalidInput(
        'comment_id takes a reaction and no body.',
        'To react to a comment pass comment_id with reaction; to comment, omit comment_id.',
      );
    const where = `${full}#${issue_number}`;
    const issueUrl = webUrl(ctx, `${full}/issues/${issue_number}`);
    if (comment_id !== undefined && reaction) {
      const { data } = await gh(ctx, `comment ${comment_id} of ${full}`, (api) =>
        api.rest.reactions.createForIssueComment({ owner, repo, comment_id, content: reaction }),
      );
      return writeResult(`Reacted ${reaction} to comment ${comment_id} on ${where}`, {
        id: data.id,
        number: issue_number,
        url: `${issueUrl}#issuecomment-${comment_id}`,
      });
    }
    const done: string[] = [];
    let result = { id: 0, number: issue_number, url: issueUrl };
    if (body !== undefined) {
      const { data } = await gh(ctx, where, (api) =>
        api.rest.issues.createComment({ owner, repo, issue_number, body }),
      );
      done.push(`Commented on #${issue_number}`);
      result = { id: data.id, number: issue_number, url: data.html_url };
    }
    if (reaction) {
      const { data } = await gh(ctx, where, (api) =>
        api.rest.reactions.createForIssue({ owner, repo, issue_number, content: reaction }),
      );
      done.push(`Reacted ${reaction} to #${issue_number}`);
      if (body === undefined) result = { id: data.id, number: issue_number, url: issueUrl };
    }
    return writeResult(done.join('; '), result);
  },
});

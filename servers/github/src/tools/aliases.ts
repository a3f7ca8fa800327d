import { invalidInput, type Tool, type ToolResult, z } from '@bastion-mcp/runtime';
import { type Ctx, type GithubState, repoInput, tool } from '../tool.js';
import { issueRead } from './issue-read.js';
import { issueWrite } from './issue-writes.js';
import { pullRequestRead } from './pull-request-read.js';
import { pullRequestReviewWrite } from './reviews.js';

/**
 * The archived reference server's tool names whose github-mcp-server successor has another name,
 * each mapping the reference's input onto the new tool. Hidden from tools/list, and exposed exactly
 * when their successor is (`successor`);
 * the reference names that survived unchanged accept the reference's field names directly.
 */
async function run(target: Tool<GithubState>, input: Record<string, unknown>, ctx: Ctx): Promise<ToolResult> {
  const parsed = target.input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(
      `${issue?.path.join('.') || 'input'}: ${issue?.message}`,
      `See ${target.name} for the current fields.`,
    );
  }
  return target.handle(parsed.data, ctx);
}

const issueNumber = z.number().int().positive().describe('Issue number');
const pullNumber = z.number().int().positive().describe('Pull request number');
const note = (target: string) => `Deprecated name from @modelcontextprotocol/server-github; use ${target}.`;

export const getIssue = tool({
  name: 'get_issue',
  title: 'Get an issue (old name)',
  description: note('issue_read method get'),
  kind: 'read',
  openWorld: true,
  successor: 'issue_read',
  toolset: 'issues',
  input: z.object({ ...repoInput, issue_number: issueNumber }),
  handle: (input, ctx) => run(issueRead, { ...input, method: 'get' }, ctx),
});

export const createIssue = tool({
  name: 'create_issue',
  title: 'Create an issue (old name)',
  description: note('issue_write method create'),
  kind: 'write',
  openWorld: true,
  successor: 'issue_write',
  toolset: 'issues',
  input: z.object({
    ...repoInput,
    title: z.string().min(1).describe('Title'),
    body: z.string().optional().describe('Body'),
    assignees: z.array(z.string()).optional().describe('Assignee logins'),
    milestone: z.number().int().optional().describe('Milestone number'),
    labels: z.array(z.string()).optional().describe('Labels'),
  }),
  handle: (input, ctx) => run(issueWrite, { ...input, method: 'create' }, ctx),
});

export const updateIssue = tool({
  name: 'update_issue',
  title: 'Update an issue (old name)',
  description: note('issue_write method update'),
  kind: 'write',
  openWorld: true,
  successor: 'issue_write',
  toolset: 'issues',
  input: z.object({
    ...repoInput,
    issue_number: issueNumber,
    title: z.string().optional().describe('New title'),
    body: z.string().optional().describe('New body'),
    state: z.enum(['open', 'closed']).optional().describe('New state'),
    labels: z.array(z.string()).optional().describe('Labels'),
    assignees: z.array(z.string()).optional().describe('Assignee logins'),
    milestone: z.number().int().optional().describe('Milestone number'),
  }),
  handle: (input, ctx) => run(issueWrite, { ...input, method: 'update' }, ctx),
});

const pullRead = (name: string, method: string, what: string) =>
  tool({
    name,
    title: `${what} (old name)`,
    description: note(`pull_request_read method ${method}`),
    kind: 'read',
    openWorld: true,
    successor: 'pull_request_read',
    toolset: 'pull_requests',
    input: z.object({ ...repoInput, pull_number: pullNumber }),
    handle: ({ pull_number, ...rest }, ctx) =>
      run(pullRequestRead, { ...rest, pullNumber: pull_number, method }, ctx),
  });

export const getPullRequest = pullRead('get_pull_request', 'get', 'Get a pull request');
export const getPullRequestFiles = pullRead('get_pull_request_files', 'get_files', 'List pull request files');
export const getPullRequestStatus = pullRead(
  'get_pull_request_status',
  'get_status',
  'Get pull request status',
);
export const getPullRequestComments = pullRead(
  'get_pull_request_comments',
  'get_review_comments',
  'List pull request review comments',
);
export const getPullRequestReviews = pullRead(
  'get_pull_request_reviews',
  'get_reviews',
  'List pull request reviews',
);

export const createPullRequestReview = tool({
  name: 'create_pull_request_review',
  title: 'Review a pull request (old name)',
  description: note('pull_request_review_write method create'),
  kind: 'write',
  openWorld: true,
  successor: 'pull_request_review_write',
  toolset: 'pull_requests',
  input: z.object({
    ...repoInput,
    pull_number: pullNumber,
    body: z.string().describe('Review text'),
    event: z.enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT']).describe('Verdict'),
    commit_id: z.string().optional().describe('Commit the review is about'),
    comments: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .describe('Line comments (not supported here)'),
  }),
  async handle({ pull_number, commit_id, comments, ...rest }, ctx) {
    if (comments?.length) {
      throw invalidInput(
        'line comments in one review call are not supported.',
        'Create a pending review (pull_request_review_write create without event), add comments with add_comment_to_pending_review, then submit_pending.',
      );
    }
    return run(
      pullRequestReviewWrite,
      { ...rest, pullNumber: pull_number, method: 'create', ...(commit_id ? { commitID: commit_id } : {}) },
      ctx,
    );
  },
});

export const aliasTools = [
  getIssue,
  createIssue,
  updateIssue,
  getPullRequest,
  getPullRequestFiles,
  getPullRequestStatus,
  getPullRequestComments,
  getPullRequestReviews,
  createPullRequestReview,
];

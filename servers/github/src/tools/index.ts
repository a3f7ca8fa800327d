import type { Tool } from '@bastion-mcp/runtime';
import type { GithubState } from '../tool.js';
import { actionsGet, actionsList } from './actions.js';
import { actionsRunTrigger } from './actions-trigger.js';
import { createBranch, listBranches } from './branches.js';
import { getCommit, listCommits } from './commits.js';
import { getMe, getTeamMembers, getTeams } from './context.js';
import {
  getDiscussion,
  getDiscussionComments,
  listDiscussionCategories,
  listDiscussions,
} from './discussions.js';
import { createOrUpdateFile, deleteFile, pushFiles } from './file-writes.js';
import { getFileContents } from './get-file-contents.js';
import { createGist, getGist, listGists, updateGist } from './gists.js';
import { addIssueComment } from './issue-comment.js';
import { getLabel, listIssueTypes } from './issue-meta.js';
import { issueRead } from './issue-read.js';
import { issueWrite } from './issue-writes.js';
import { getJobLogs } from './job-logs.js';
import { labelWrite, listLabel } from './labels.js';
import { listIssues } from './list-issues.js';
import { listPullRequests } from './list-pull-requests.js';
import { dismissNotification, getNotificationDetails, listNotifications } from './notifications.js';
import { mergePullRequest, updatePullRequestBranch } from './pull-request-merge.js';
import { pullRequestRead } from './pull-request-read.js';
import { createPullRequest, updatePullRequest } from './pull-request-writes.js';
import { getLatestRelease, getReleaseByTag, listReleases } from './releases.js';
import { createRepository, forkRepository } from './repositories.js';
import { addCommentToPendingReview, addReplyToPullRequestComment } from './review-comments.js';
import { pullRequestReviewWrite } from './reviews.js';
import { searchCode, searchCommits, searchRepositories } from './search.js';
import { searchIssues, searchPullRequests } from './search-issues.js';
import { searchUsers } from './search-users.js';
import {
  getCodeScanningAlert,
  getDependabotAlert,
  listCodeScanningAlerts,
  listDependabotAlerts,
} from './security.js';
import { subIssueWrite } from './sub-issue-write.js';
import { getTag, listTags } from './tags.js';

export const allTools: Tool<GithubState>[] = [
  // context
  getMe,
  getTeams,
  getTeamMembers,
  // repos
  getFileContents,
  createOrUpdateFile,
  deleteFile,
  pushFiles,
  createBranch,
  listBranches,
  listCommits,
  getCommit,
  listTags,
  getTag,
  listReleases,
  getLatestRelease,
  getReleaseByTag,
  searchCode,
  searchCommits,
  searchRepositories,
  createRepository,
  forkRepository,
  // issues
  issueRead,
  issueWrite,
  subIssueWrite,
  addIssueComment,
  listIssues,
  searchIssues,
  listIssueTypes,
  getLabel,
  // pull_requests
  pullRequestRead,
  createPullRequest,
  updatePullRequest,
  listPullRequests,
  searchPullRequests,
  mergePullRequest,
  updatePullRequestBranch,
  pullRequestReviewWrite,
  addCommentToPendingReview,
  addReplyToPullRequestComment,
  // users
  searchUsers,
  // actions (off by default)
  actionsList,
  actionsGet,
  actionsRunTrigger,
  getJobLogs,
  // notifications, labels, gists, code_security, dependabot (off by default)
  listNotifications,
  getNotificationDetails,
  dismissNotification,
  listLabel,
  labelWrite,
  listGists,
  getGist,
  createGist,
  updateGist,
  listCodeScanningAlerts,
  getCodeScanningAlert,
  listDependabotAlerts,
  getDependabotAlert,
  // discussions (off by default; GraphQL)
  listDiscussions,
  getDiscussion,
  getDiscussionComments,
  listDiscussionCategories,
];

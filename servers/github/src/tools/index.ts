import type { Tool } from '@bastion-mcp/runtime';
import type { GithubState } from '../tool.js';
import { getMe, getTeamMembers, getTeams } from './context.js';
import { getFileContents } from './get-file-contents.js';
import { issueRead } from './issue-read.js';
import { listIssues } from './list-issues.js';
import { searchIssues, searchPullRequests } from './search-issues.js';

export const allTools: Tool<GithubState>[] = [
  getMe,
  getTeams,
  getTeamMembers,
  getFileContents,
  issueRead,
  listIssues,
  searchIssues,
  searchPullRequests,
];

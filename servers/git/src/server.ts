import { type ConfigOf, defineConfig, defineServer, type Logger, z } from '@bastion-mcp/runtime';
import pkg from '../package.json' with { type: 'json' };
import type { GitState } from './tool.js';
import * as tools from './tools/index.js';

export const TOOLSETS = [
  {
    name: 'default',
    description: 'Local repository work: status, diffs, history, commits, branches',
    default: true,
  },
  { name: 'remote', description: 'git_fetch, git_pull, git_push: talk to remotes', default: false },
];

export const configSpec = defineConfig({
  name: 'git',
  version: pkg.version,
  description: 'Git repositories under the allowed directories, confined and injection-proof.',
  options: {
    roots: z.array(z.string()).default([]).describe('Directories inside which repositories may be used'),
    repository: z
      .string()
      .optional()
      .describe('A repository to use when a call omits repo_path (also allowed)'),
    allowForcePush: z.boolean().default(false).describe('Let git_push force (it refuses otherwise)'),
    gitTimeoutMs: z.number().int().positive().default(30_000).describe('Longest a git command may run'),
    maxOutputBytes: z
      .number()
      .int()
      .positive()
      .default(16 * 1024 * 1024)
      .describe('Most output a git command may produce before it is stopped'),
  },
  positional: { key: 'roots', label: '<dir>', roots: true },
  toolsets: TOOLSETS,
  rootOptions: ['repository'],
});

export type GitConfig = ConfigOf<typeof configSpec.options>;

/** Cheap and free of I/O: roots and --repository arrive already real (the bin realpaths them). */
export function createServer(config: GitConfig, log?: Logger) {
  const roots =
    config.repository && !config.roots.includes(config.repository)
      ? [...config.roots, config.repository]
      : config.roots;
  const state: GitState = {
    ...(config.repository ? { defaultRepo: config.repository } : {}),
    timeoutMs: config.gitTimeoutMs,
    maxOutputBytes: config.maxOutputBytes,
    allowForcePush: config.allowForcePush,
  };
  return defineServer<GitState>({
    name: 'git',
    version: pkg.version,
    instructions:
      'Git tools confined to repositories inside the allowed directories. Pass repo_path (it may be omitted when one repository is allowed).',
    tools: Object.values(tools),
    toolsets: TOOLSETS,
    state,
    roots,
    sandbox: {
      noRootsHint:
        'Start the server with the directories holding your repositories (mcp-server-git ~/code) or --repository <path>; without them it uses nothing on disk.',
    },
    selection: config,
    budget: config.maxResponseChars,
    ...(log ? { log } : {}),
  });
}

import { type ConfigOf, defineConfig, defineServer, type Logger, z } from '@bastion-mcp/runtime';
import pkg from '../package.json' with { type: 'json' };
import { DEFAULT_DENY, denyMatcher } from './lib/deny.js';
import { fileResource } from './resources/files.js';
import type { FsState } from './tool.js';
import * as tools from './tools/index.js';

export const TOOLSETS = [
  { name: 'default', description: 'Read, write, edit, move, copy, list and search files', default: true },
  { name: 'delete', description: 'delete_path: remove files and folders', default: false },
];

export const configSpec = defineConfig({
  name: 'filesystem',
  version: pkg.version,
  description: 'Files under the allowed directories, sandboxed.',
  options: {
    roots: z.array(z.string()).default([]).describe('Allowed directories'),
    deny: z
      .array(z.string())
      .default(DEFAULT_DENY)
      .describe("Globs no tool may read, list, search or write (--deny '' clears the defaults)"),
    maxFileSize: z
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024)
      .describe('Largest file, in bytes, a whole-file read may load'),
  },
  positional: { key: 'roots', label: '<dir>', roots: true },
  toolsets: TOOLSETS,
});

export type FsConfig = ConfigOf<typeof configSpec.options>;

/** Cheap and free of I/O: roots arrive already real (the bin realpaths them). */
export function createServer(config: FsConfig, log?: Logger) {
  const state: FsState = { maxFileSize: config.maxFileSize };
  return defineServer<FsState>({
    name: 'filesystem',
    version: pkg.version,
    instructions:
      'Reads and writes files inside the allowed directories only (call list_allowed_directories first). ' +
      'Paths may be absolute or relative to the first allowed directory.',
    tools: Object.values(tools),
    resources: [fileResource],
    toolsets: TOOLSETS,
    state,
    roots: config.roots,
    sandbox: {
      isDenied: denyMatcher(config.deny),
      noRootsHint:
        'Start the server with directories as arguments (mcp-server-filesystem ~/work), or use a client that offers roots.',
    },
    selection: config,
    budget: config.maxResponseChars,
    ...(log ? { log } : {}),
  });
}

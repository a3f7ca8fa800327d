import { structured, z } from '@bastion-mcp/runtime';
import { tool } from '../tool.js';

export const listAllowedDirectories = tool({
  name: 'list_allowed_directories',
  title: 'List allowed directories',
  description:
    'List the directories this server may access (subdirectories included). Call it first to learn where paths may point.',
  kind: 'read',
  input: z.object({}),
  output: z.object({ directories: z.array(z.string()).describe('Allowed directories, as real paths') }),
  async handle(_input, ctx) {
    const directories = [...ctx.sandbox.roots];
    const body = directories.length
      ? `Allowed directories:\n${directories.join('\n')}`
      : 'No allowed directories are configured.';
    return structured({ directories }, body);
  },
});

import { type ConfigOf, defineConfig, defineServer, type Logger, z } from '@bastion-mcp/runtime';
import pkg from '../package.json' with { type: 'json' };
import type { TemplateState } from './tool.js';
import { greet } from './tools/greet.js';
import { saveNote } from './tools/save-note.js';

export const configSpec = defineConfig({
  name: 'template',
  version: pkg.version,
  description: 'A minimal Bastion MCP server to fork.',
  options: {
    dirs: z.array(z.string()).default([]).describe('Directories notes may be saved in'),
    greeting: z.string().default('Hello').describe('Word the greet tool starts with'),
  },
  positional: { key: 'dirs', label: '<dir>', roots: true },
});

export type TemplateConfig = ConfigOf<typeof configSpec.options>;

/** Cheap and side-effect free: no I/O until a client calls a tool. */
export function createServer(config: TemplateConfig, log?: Logger) {
  return defineServer<TemplateState>({
    name: 'template',
    version: pkg.version,
    instructions: 'Greets people and saves short notes inside the allowed directories.',
    tools: [greet, saveNote],
    state: { greeting: config.greeting },
    roots: config.dirs,
    selection: config,
    budget: config.maxResponseChars,
    ...(log ? { log } : {}),
  });
}

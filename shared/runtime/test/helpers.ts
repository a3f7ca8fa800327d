import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { defineServer, defineTool, type Logger, type Selection, ToolError, text } from '../src/index.js';

export const echo = defineTool({
  name: 'echo',
  title: 'Echo',
  description: 'Echo a message',
  kind: 'read',
  aliases: ['say'],
  input: z.object({
    message: z.string().describe('What to echo'),
    times: z.number().int().min(1).optional().describe('How many times'),
  }),
  async handle({ message, times }) {
    return text(Array.from({ length: times ?? 1 }, () => message).join('\n'));
  },
});

export const fail = defineTool({
  name: 'fail',
  title: 'Fail',
  description: 'Fail on purpose',
  kind: 'write',
  input: z.object({ how: z.enum(['tool', 'crash']).describe('Which failure') }),
  async handle({ how }) {
    if (how === 'tool') throw new ToolError('not_found', 'no such widget "w1".', 'List widgets first.');
    throw new Error('database exploded\n    at secret (/internal/path.js:1:1)');
  },
});

export const wipe = defineTool({
  name: 'wipe',
  title: 'Wipe',
  description: 'Destroy things',
  kind: 'destructive',
  toolset: 'danger',
  input: z.object({}),
  async handle() {
    return text('wiped');
  },
});

export const slow = defineTool({
  name: 'slow',
  title: 'Slow',
  description: 'Wait then answer',
  kind: 'read',
  input: z.object({ ms: z.number().int().describe('Milliseconds to wait') }),
  async handle({ ms }, ctx) {
    await sleep(ms, undefined, { signal: ctx.signal });
    return text(`waited ${ms}`);
  },
});

export const whereAmI = defineTool({
  name: 'roots',
  title: 'Roots',
  description: 'Show the roots this connection may use, and resolve a path',
  kind: 'read',
  input: z.object({ path: z.string().optional().describe('A path to resolve') }),
  async handle({ path }, ctx) {
    const resolved = path ? (await ctx.sandbox.resolve(path)).path : '';
    return text(`${ctx.sandbox.roots.join(',')}|${resolved}`);
  },
});

export const ALL_TOOLS = [echo, fail, wipe, slow, whereAmI];

export function testServer(
  options: { selection?: Selection; roots?: string[]; budget?: number; log?: Logger } = {},
) {
  return defineServer({
    name: 'test',
    version: '1.2.3',
    tools: ALL_TOOLS,
    toolsets: [
      { name: 'default', description: 'Everyday tools', default: true },
      { name: 'danger', description: 'Destructive tools', default: false },
    ],
    state: {},
    ...options,
  });
}

export function captureLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (m: string, d?: unknown) => {
    lines.push(`${level} ${m} ${d instanceof Error ? d.stack : (d ?? '')}`);
  };
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

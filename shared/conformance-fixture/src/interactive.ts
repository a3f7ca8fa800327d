import { setTimeout as sleep } from 'node:timers/promises';
import { z } from '@bastion-mcp/runtime';
import { inputRequired, inputResponse, type McpServer } from '@modelcontextprotocol/server';

const done = (text: string) => ({ content: [{ type: 'text' as const, text }] });

const DEFAULTS_SCHEMA = {
  type: 'object' as const,
  properties: {
    name: { type: 'string' as const, default: 'John Doe' },
    age: { type: 'integer' as const, default: 30 },
    score: { type: 'number' as const, default: 95.5 },
    status: { type: 'string' as const, enum: ['active', 'inactive', 'pending'], default: 'active' },
    verified: { type: 'boolean' as const, default: true },
  },
};

const ENUMS_SCHEMA = {
  type: 'object' as const,
  properties: {
    untitledSingle: { type: 'string' as const, enum: ['option1', 'option2', 'option3'] },
    titledSingle: {
      type: 'string' as const,
      oneOf: [
        { const: 'value1', title: 'First Option' },
        { const: 'value2', title: 'Second Option' },
      ],
    },
    legacyEnum: {
      type: 'string' as const,
      enum: ['opt1', 'opt2', 'opt3'],
      enumNames: ['Option One', 'Option Two', 'Option Three'],
    },
    untitledMulti: {
      type: 'array' as const,
      items: { type: 'string' as const, enum: ['option1', 'option2', 'option3'] },
    },
    titledMulti: {
      type: 'array' as const,
      items: {
        anyOf: [
          { const: 'value1', title: 'First Choice' },
          { const: 'value2', title: 'Second Choice' },
        ],
      },
    },
  },
};

/**
 * 2025-era interactions: logging, subscriptions, sampling and elicitation. Sampling and
 * elicitation are written once as input-required handlers; on 2025-era connections the SDK turns
 * them into real server-to-client requests.
 */
export function registerInteractive(server: McpServer): void {
  server.server.registerCapabilities({ logging: {}, completions: {}, resources: { subscribe: true } });
  server.server.setRequestHandler('resources/subscribe', async () => ({}));
  server.server.setRequestHandler('resources/unsubscribe', async () => ({}));

  const logThree = async (_args: unknown, ctx: Parameters<Parameters<McpServer['registerTool']>[2]>[1]) => {
    for (const step of ['Tool execution started', 'Tool processing data', 'Tool execution completed']) {
      await ctx.mcpReq.log('info', step);
      await sleep(20);
    }
    return done('Logging complete.');
  };
  server.registerTool('test_tool_with_logging', { description: 'Sends three log messages' }, (ctx) =>
    logThree({}, ctx),
  );
  server.registerTool(
    'test_logging_tool',
    { description: 'Logs only at the level the client asked for' },
    (ctx) => logThree({}, ctx),
  );

  server.registerTool(
    'test_sampling',
    {
      description: 'Asks the client to sample',
      inputSchema: z.object({ prompt: z.string().describe('The prompt') }),
    },
    async ({ prompt }, ctx) => {
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'sample');
      if (answer.kind !== 'sampling') {
        const messages = [{ role: 'user' as const, content: { type: 'text' as const, text: prompt } }];
        return inputRequired({
          inputRequests: { sample: inputRequired.createMessage({ messages, maxTokens: 100 }) },
        });
      }
      const content = answer.result.content;
      const text =
        !Array.isArray(content) && content.type === 'text' ? content.text : JSON.stringify(content);
      return done(`LLM response: ${text}`);
    },
  );

  const elicit = (
    name: string,
    description: string,
    requestedSchema: object,
    message?: (args: Record<string, unknown>) => string,
  ) =>
    server.registerTool(
      name,
      { description, inputSchema: z.object({ message: z.string().optional().describe('What to ask') }) },
      async (args, ctx) => {
        const answer = inputResponse(ctx.mcpReq.inputResponses, 'ask');
        if (answer.kind !== 'elicit') {
          const text = message?.(args) ?? 'Please provide the requested information';
          return inputRequired({
            inputRequests: {
              ask: inputRequired.elicit({ message: text, requestedSchema: requestedSchema as never }),
            },
          });
        }
        return done(
          `User response: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`,
        );
      },
    );
  elicit(
    'test_elicitation',
    'Asks the user for a username and email',
    {
      type: 'object',
      properties: { username: { type: 'string' }, email: { type: 'string' } },
      required: ['username', 'email'],
    },
    (args) => String(args.message ?? 'Who are you?'),
  );
  elicit('test_elicitation_sep1034_defaults', 'Elicitation with defaults', DEFAULTS_SCHEMA);
  elicit('test_elicitation_sep1330_enums', 'Elicitation with enum shapes', ENUMS_SCHEMA);
}

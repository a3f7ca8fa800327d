import { randomBytes } from 'node:crypto';
import { z } from '@bastion-mcp/runtime';
import {
  CLIENT_CAPABILITIES_META_KEY,
  createRequestStateCodec,
  fromJsonSchema,
  inputRequired,
  inputResponse,
  type McpServer,
  type RequestStateCodec,
  type ServerContext,
} from '@modelcontextprotocol/server';

const done = (text: string) => ({ content: [{ type: 'text' as const, text }] });
const ask = () =>
  inputRequired.elicit({ message: 'What is your name?', requestedSchema: z.object({ name: z.string() }) });
const sample = () =>
  inputRequired.createMessage({
    messages: [{ role: 'user', content: { type: 'text', text: 'Say hi' } }],
    maxTokens: 20,
  });

const SCHEMA_2020_12 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    address: {
      $anchor: 'addressDef',
      type: 'object',
      properties: { street: { type: 'string' }, city: { type: 'string' } },
    },
  },
  properties: {
    name: { type: 'string' },
    address: { $ref: '#/$defs/address' },
    contactMethod: { type: 'string', enum: ['phone', 'email'] },
    phone: { type: 'string' },
    email: { type: 'string' },
  },
  allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
  if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
  // biome-ignore lint/suspicious/noThenProperty: `then` is a JSON Schema keyword here
  then: { required: ['phone'] },
  else: { required: ['email'] },
  additionalProperties: false,
};

/** 2026-07-28 scenarios: input-required results, signed request state, diagnostics, schemas. */
export type RoundState = { round: number };
export type StateCodec = RequestStateCodec<RoundState>;

/** One key per process: every per-request instance must verify what another one minted. */
export function createStateCodec(): StateCodec {
  return createRequestStateCodec<RoundState>({ key: randomBytes(32) });
}

export function registerModern(server: McpServer, codec: StateCodec): void {
  const verified = (ctx: ServerContext) => ctx.mcpReq.requestState<RoundState>();
  const tool = (name: string, description: string, run: (ctx: ServerContext) => Promise<unknown>) =>
    server.registerTool(name, { description }, (ctx) => run(ctx) as never);
  const answered = (ctx: ServerContext, key: string, kind: string) =>
    inputResponse(ctx.mcpReq.inputResponses, key).kind === kind;

  tool('test_input_required_result_elicitation', 'Asks for user_name', async (ctx) => {
    const answer = inputResponse(ctx.mcpReq.inputResponses, 'user_name');
    const ok =
      answer.kind === 'elicit' && answer.action === 'accept' && typeof answer.content?.name === 'string';
    return ok
      ? done(`Hello, ${answer.content?.name}!`)
      : inputRequired({ inputRequests: { user_name: ask() } });
  });
  tool('test_input_required_result_sampling', 'Asks the client to sample', async (ctx) =>
    answered(ctx, 'sample', 'sampling')
      ? done('Sampled.')
      : inputRequired({ inputRequests: { sample: sample() } }),
  );
  tool('test_input_required_result_list_roots', 'Asks for the roots', async (ctx) =>
    answered(ctx, 'roots', 'roots')
      ? done('Got roots.')
      : inputRequired({ inputRequests: { roots: inputRequired.listRoots() } }),
  );
  tool('test_input_required_result_request_state', 'Round-trips signed state', async (ctx) => {
    if (verified(ctx) && answered(ctx, 'user_name', 'elicit')) return done('State verified.');
    return inputRequired({
      inputRequests: { user_name: ask() },
      requestState: await codec.mint({ round: 1 }),
    });
  });
  tool('test_input_required_result_tampered_state', 'Rejects tampered state', async (ctx) => {
    if (verified(ctx) && answered(ctx, 'user_name', 'elicit')) return done('State verified.');
    return inputRequired({
      inputRequests: { user_name: ask() },
      requestState: await codec.mint({ round: 1 }),
    });
  });
  tool('test_input_required_result_multiple_inputs', 'Asks for three inputs', async (ctx) => {
    const all =
      answered(ctx, 'user_name', 'elicit') &&
      answered(ctx, 'sample', 'sampling') &&
      answered(ctx, 'roots', 'roots');
    if (verified(ctx) && all) return done('All three answered.');
    return inputRequired({
      inputRequests: { user_name: ask(), sample: sample(), roots: inputRequired.listRoots() },
      requestState: await codec.mint({ round: 1 }),
    });
  });
  tool('test_input_required_result_multi_round', 'Takes three rounds', async (ctx) => {
    const round = verified(ctx)?.round ?? 0;
    if (round >= 2) return done('Finished after three rounds.');
    return inputRequired({
      inputRequests: { user_name: ask() },
      requestState: await codec.mint({ round: round + 1 }),
    });
  });
  tool('test_input_required_result_capabilities', 'Asks only for what the client supports', async (ctx) => {
    if (answered(ctx, 'sample', 'sampling') || answered(ctx, 'user_name', 'elicit')) return done('Answered.');
    const envelope = (ctx.mcpReq.envelope ?? {}) as Record<string, { elicitation?: unknown } | undefined>;
    const caps = envelope[CLIENT_CAPABILITIES_META_KEY] ?? {};
    return inputRequired({ inputRequests: caps.elicitation ? { user_name: ask() } : { sample: sample() } });
  });
  tool('test_missing_capability', 'Needs sampling, which the client may not declare', async (ctx) =>
    answered(ctx, 'sample', 'sampling')
      ? done('Sampled.')
      : inputRequired({ inputRequests: { sample: sample() } }),
  );

  server.registerPrompt(
    'test_input_required_result_prompt',
    { description: 'A prompt that needs input first' },
    async (ctx) => {
      if (answered(ctx, 'user_name', 'elicit')) {
        return {
          messages: [{ role: 'user', content: { type: 'text', text: 'Thanks, here is your prompt.' } }],
        };
      }
      return inputRequired({ inputRequests: { user_name: ask() } });
    },
  );

  server.registerTool(
    'json_schema_2020_12_tool',
    {
      description: 'Declares a JSON Schema 2020-12 input schema',
      inputSchema: fromJsonSchema(SCHEMA_2020_12 as never),
    },
    async (args) => done(JSON.stringify(args)),
  );
  server.registerTool(
    'test_header_param',
    {
      description: 'Mirrors a parameter into an Mcp-Param header',
      inputSchema: fromJsonSchema({
        type: 'object',
        properties: { region: { type: 'string', description: 'A region', 'x-mcp-header': 'Region' } },
      } as never),
    },
    async (args) => done(JSON.stringify(args)),
  );
}

import fc from 'fast-check';
import { MAX_PATH_CHARS } from '../sandbox/paths.js';
import type { TestClient } from './connect.js';
import { arbitraryFor, mutatedFrom, OVERRIDE } from './schema-arbitrary.js';

export interface SchemaFuzzOptions {
  /** Runs per tool for valid inputs, and again for mutated ones. */
  numRuns?: number;
  /** Fixed seed (else FUZZ_SEED, else the clock); printed either way so a failure replays. */
  seed?: number;
  /** Tools left out, each with the reason (e.g. one that would reach the network). */
  skip?: Record<string, string>;
  /** Per tool and field, an arbitrary used instead of the schema's (e.g. local URLs only). */
  fields?: Record<string, Record<string, fc.Arbitrary<unknown>>>;
}

const INVALID_PARAMS = -32602;

/** The seed for a fuzz run (FUZZ_SEED, else the clock), printed on stderr so a failure replays. */
export function fuzzSeed(label: string): number {
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  process.stderr.write(`${label} seed=${seed} (replay with FUZZ_SEED=${seed})\n`);
  return seed;
}

/**
 * Calls every listed tool with inputs generated from its own input schema, then with inputs
 * mutated out of it. Each call must end in a result (isError allowed) or a -32602 protocol error:
 * never an `[internal]` error, a stack trace in the text, another protocol error or a dead server.
 * Returns the problems found, each with the seed that replays it; [] means none.
 */
export async function schemaFuzzProblems(
  client: TestClient,
  options: SchemaFuzzOptions = {},
): Promise<string[]> {
  const seed = options.seed ?? fuzzSeed('schema fuzz');
  const numRuns = options.numRuns ?? 15;
  const { tools } = await client.client.listTools();
  const problems: string[] = [];
  for (const tool of tools) {
    if (options.skip?.[tool.name]) continue;
    const schema = withFields(tool.inputSchema as Record<string, unknown>, options.fields?.[tool.name]);
    for (const [label, inputs] of [
      ['valid', arbitraryFor(schema)],
      ['mutated', mutatedFrom(schema)],
    ] as const) {
      const run = await fc.check(
        fc.asyncProperty(inputs, async (args) => {
          const problem = await callProblem(client, tool.name, args);
          if (problem) throw new Error(problem);
        }),
        { seed, numRuns, endOnFailure: true },
      );
      if (run.failed) {
        const example = JSON.stringify(run.counterexample?.[0])?.slice(0, 300);
        problems.push(`${tool.name} (${label}, seed ${seed}): ${run.errorInstance} with ${example}`);
      }
    }
  }
  return problems;
}

async function callProblem(client: TestClient, name: string, args: unknown): Promise<string | undefined> {
  try {
    const result = await client.client.callTool({ name, arguments: args as Record<string, unknown> });
    const body = JSON.stringify(result.content);
    if (body.includes('[internal]')) return `internal error: ${body.slice(0, 300)}`;
    if (/\\n\s+at \S+ \(/.test(body)) return `stack trace in the result: ${body.slice(0, 300)}`;
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === INVALID_PARAMS) return undefined;
    return `protocol error ${String(code)}: ${(error as Error).message.slice(0, 300)}`;
  }
}

/**
 * Calls every input field capped at MAX_PATH_CHARS (or a list of such) with a 1 MB path (plus `extra`
 * arguments): each
 * call must be refused by the schema, naming the field, and never as an internal error.
 */
export async function pathCapProblems(
  client: TestClient,
  extra: Record<string, unknown> = {},
): Promise<{ checked: number; problems: string[] }> {
  const { tools } = await client.client.listTools();
  const huge = `/${'a'.repeat(1024 * 1024)}`;
  const problems: string[] = [];
  let checked = 0;
  for (const tool of tools) {
    type Field = { maxLength?: number; items?: { maxLength?: number } };
    const props = (tool.inputSchema.properties ?? {}) as Record<string, Field>;
    for (const [field, schema] of Object.entries(props)) {
      const list = schema.items?.maxLength === MAX_PATH_CHARS;
      if (schema.maxLength !== MAX_PATH_CHARS && !list) continue;
      checked++;
      const result = await client.call(tool.name, { ...extra, [field]: list ? [huge] : huge });
      const text = client.textOf(result);
      if (!result.isError || !text.includes(field) || text.includes('[internal]')) {
        problems.push(`${tool.name}.${field}: ${text.slice(0, 200)}`);
      }
    }
  }
  return { checked, problems };
}

function withFields(
  schema: Record<string, unknown>,
  fields: Record<string, fc.Arbitrary<unknown>> | undefined,
): Record<string, unknown> {
  if (!fields) return schema;
  const properties = { ...(schema.properties as Record<string, unknown>) };
  for (const [key, arbitrary] of Object.entries(fields)) properties[key] = { [OVERRIDE]: arbitrary };
  return { ...schema, properties };
}

import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { Tool } from './tool.js';

/** The conversion target the SDK asks for when it lists tools. */
const TARGET = { target: 'draft-2020-12' } as const;

type Io = 'input' | 'output';
type ToolSchemas = Record<string, Partial<Record<Io, Record<string, unknown>>>>;

/** Set by the bundler (`bastion-bundle`): every tool's JSON Schemas, computed at build time. */
const built = (globalThis as { __BASTION_TOOL_SCHEMAS__?: ToolSchemas }).__BASTION_TOOL_SCHEMAS__;

const memo = new WeakMap<object, Partial<Record<Io, Record<string, unknown>>>>();

/**
 * The schema as the SDK sees it, with its JSON Schema conversion done once per process (or not at
 * all, when the bundler computed it): the first tools/list otherwise converts every tool's schema.
 */
export function withJsonSchema<T extends StandardSchemaWithJSON>(schema: T, tool: string): T {
  const std = schema['~standard'];
  const known = memo.get(schema) ?? { ...built?.[tool] };
  memo.set(schema, known);
  const convert = (io: Io) => (options: Parameters<typeof std.jsonSchema.input>[0]) =>
    (known[io] ??= std.jsonSchema[io](options) as Record<string, unknown>);
  return { '~standard': { ...std, jsonSchema: { input: convert('input'), output: convert('output') } } } as T;
}

/** What the bundler embeds: each tool's input and output JSON Schema, exactly as the SDK would compute them. */
export function toolJsonSchemas(tools: readonly Tool<never>[]): ToolSchemas {
  const out: ToolSchemas = {};
  for (const tool of tools) {
    out[tool.name] = {
      input: tool.input['~standard'].jsonSchema.input(TARGET),
      ...(tool.output ? { output: tool.output['~standard'].jsonSchema.output(TARGET) } : {}),
    };
  }
  return out;
}

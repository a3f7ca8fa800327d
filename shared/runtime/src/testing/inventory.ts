import { z } from 'zod';
import type { BastionServer } from '../server.js';
import { TOOL_NAME } from '../tool.js';

type JsonSchema = { properties?: Record<string, JsonSchema>; description?: string; items?: JsonSchema };

/**
 * Checks every exposed tool: a valid name, a kind, a title, a description, and a description on
 * every input field (nested ones too). Returns the problems; a passing server returns [].
 */
export function inventoryProblems(server: BastionServer): string[] {
  const problems: string[] = [];
  for (const tool of server.tools) {
    if (!TOOL_NAME.test(tool.name)) problems.push(`${tool.name}: name is not snake_case`);
    if (!['read', 'write', 'destructive'].includes(tool.kind)) problems.push(`${tool.name}: no kind`);
    if (!tool.title?.trim()) problems.push(`${tool.name}: no title`);
    if (!tool.description?.trim()) problems.push(`${tool.name}: no description`);
    const schema = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    for (const field of undescribed(schema, ''))
      problems.push(`${tool.name}: field ${field} has no description`);
  }
  return problems;
}

function undescribed(schema: JsonSchema, prefix: string): string[] {
  const out: string[] = [];
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (!field.description) out.push(name);
    out.push(...undescribed(field, name));
    if (field.items) out.push(...undescribed(field.items, `${name}[]`));
  }
  return out;
}

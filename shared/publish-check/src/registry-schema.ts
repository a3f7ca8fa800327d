import { z } from '@bastion-mcp/runtime';

/**
 * The MCP Registry's server.json format, as far as an npm stdio server uses it, written as zod from
 * the registry's published JSON Schema: https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json
 * (source: github.com/modelcontextprotocol/registry, docs/reference/server-json/server.schema.json,
 * commit 7c0bbf25bcdf794c4622afbf1b72b99d0281ca6b). Every constraint below is one of that schema's
 * (patterns, lengths, required fields, enums); parts we never emit (remotes, OCI and MCPB packages,
 * icons) are left out, so a server.json using them fails here and makes us look again.
 * Transcribed rather than copied: the schema file is not ours to ship.
 */
export const SCHEMA_URL = 'https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json';

const input = {
  description: z.string().optional(),
  isRequired: z.boolean().optional(),
  isSecret: z.boolean().optional(),
  format: z.enum(['string', 'number', 'boolean', 'filepath']).optional(),
  default: z.string().optional(),
  placeholder: z.string().optional(),
  value: z.string().optional(),
  choices: z.array(z.string()).optional(),
};

const positionalArgument = z
  .object({
    ...input,
    type: z.literal('positional'),
    valueHint: z.string().optional(),
    isRepeated: z.boolean().optional(),
  })
  .strict()
  .refine((a) => a.valueHint !== undefined || a.value !== undefined, 'needs valueHint or value');

const namedArgument = z
  .object({ ...input, type: z.literal('named'), name: z.string(), isRepeated: z.boolean().optional() })
  .strict();

const keyValueInput = z.object({ ...input, name: z.string() }).strict();

const npmPackage = z
  .object({
    registryType: z.literal('npm'),
    registryBaseUrl: z.url().optional(),
    identifier: z.string().min(1),
    version: z
      .string()
      .min(1)
      .refine((v) => v !== 'latest' && !/[\^~<>*x]|^\d+\.x/.test(v), 'a specific version, not a range'),
    runtimeHint: z.string().optional(),
    transport: z.object({ type: z.literal('stdio') }).strict(),
    packageArguments: z.array(z.union([positionalArgument, namedArgument])).optional(),
    runtimeArguments: z.array(z.union([positionalArgument, namedArgument])).optional(),
    environmentVariables: z.array(keyValueInput).optional(),
  })
  .strict();

export const serverJsonSchema = z
  .object({
    $schema: z.literal(SCHEMA_URL),
    name: z
      .string()
      .min(3)
      .max(200)
      .regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/),
    title: z.string().min(1).max(100).optional(),
    description: z.string().min(1).max(100),
    version: z.string().max(255),
    websiteUrl: z.url().optional(),
    repository: z
      .object({
        url: z.url(),
        source: z.string(),
        subfolder: z.string().optional(),
        id: z.string().optional(),
      })
      .strict(),
    packages: z.array(npmPackage).min(1),
  })
  .strict();

export type ServerJson = z.infer<typeof serverJsonSchema>;

import { z } from '@bastion-mcp/runtime';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const sqlField = z
  .string()
  .min(1)
  .max(100_000)
  .describe('One read-only SQL statement: SELECT, VALUES, TABLE, WITH (read-only), SHOW or EXPLAIN');

export const paramsField = z
  .array(z.union([scalar, z.array(scalar)]))
  .max(1000)
  .default([])
  .describe('Values bound to $1, $2, ... in order (arrays bind as PostgreSQL arrays, e.g. for = ANY($1))');

export const columnSchema = z.object({
  name: z.string().describe('Column name as the statement returns it'),
  type: z.string().describe('SQL type, e.g. integer, text, timestamp with time zone'),
});

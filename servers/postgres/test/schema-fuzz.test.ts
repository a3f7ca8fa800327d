import { schemaFuzzProblems } from '@bastion-mcp/runtime/testing';
import { expect, it } from 'vitest';
import { pgClient } from './helpers.js';

it('every tool answers inputs generated from its schema, and mutated out of it, with a result or -32602', async () => {
  const client = await pgClient();
  expect(await schemaFuzzProblems(client, { numRuns: 40 })).toEqual([]);
}, 180_000);

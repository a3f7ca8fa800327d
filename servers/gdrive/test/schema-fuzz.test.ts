import { schemaFuzzProblems } from '@bastion-mcp/runtime/testing';
import { expect, it } from 'vitest';
import { FULL, setup } from './helpers.js';

it('every tool answers inputs generated from its schema, and mutated out of it, with a result or -32602', async () => {
  // Every Google call goes to the local fake (--api-url).
  const world = await setup({ scope: FULL });
  const client = await world.open(['--toolsets', 'all', '--output-dir', world.dir]);
  const problems = await schemaFuzzProblems(client, { numRuns: 10 });
  expect(problems).toEqual([]);
  await world.close();
}, 300_000);

import { schemaFuzzProblems } from '@bastion-mcp/runtime/testing';
import { expect, it } from 'vitest';
import { session } from './helpers.js';

it('every tool answers inputs generated from its schema, and mutated out of it, with a result or -32602', async () => {
  // Every request goes to the local fake (--host); --repos keeps writes to one repository of it.
  const s = await session(['--toolsets', 'all', '--repos', 'acme/api']);
  const problems = await schemaFuzzProblems(s.client, { numRuns: 8 });
  expect(problems).toEqual([]);
  await s.close();
}, 300_000);

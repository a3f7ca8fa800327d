import { parseConfig } from '@bastion-mcp/runtime';
import { connect, schemaFuzzProblems, tempDir } from '@bastion-mcp/runtime/testing';
import { expect, it } from 'vitest';
import { configSpec, createServer } from '../src/server.js';

it('every tool answers inputs generated from its schema, and mutated out of it, with a result or -32602', async () => {
  const outcome = parseConfig(configSpec, [await tempDir()], {});
  if (!('run' in outcome)) throw new Error(outcome.stderr);
  const client = await connect(createServer(outcome.run));
  expect(await schemaFuzzProblems(client, { numRuns: 50 })).toEqual([]);
  await client.close();
});

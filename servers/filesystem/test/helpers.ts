import { parseConfig } from '@bastion-mcp/runtime';
import { connect, type Era, type TestClient } from '@bastion-mcp/runtime/testing';
import { configSpec, createServer } from '../src/server.js';

/** Builds the server from CLI-style arguments, exactly as the bin would (roots must be real paths). */
export function fsServer(argv: string[] = [], env: Record<string, string> = {}) {
  const outcome = parseConfig(configSpec, argv, env);
  if (!('run' in outcome)) throw new Error(outcome.stderr);
  return createServer(outcome.run);
}

/** An in-process client for a server built from `argv`. */
export function fsClient(argv: string[] = [], era: Era = 'legacy'): Promise<TestClient> {
  return connect(fsServer(argv), { era });
}

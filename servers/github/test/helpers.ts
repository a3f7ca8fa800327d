import { parseConfig } from '@bastion-mcp/runtime';
import { connect, type TestClient } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll } from 'vitest';
import { configSpec, createServer } from '../src/server.js';
import { defaultSeed, type Fake, type Seed, startFake, TOKENS } from './fake/index.mjs';

export { TOKENS };

/** Builds the server from argv against the fake, as the bin would (env twins included). */
export function githubServer(argv: string[], env: Record<string, string | undefined> = {}) {
  const outcome = parseConfig(configSpec, argv, env);
  if ('exit' in outcome) throw new Error(outcome.stderr ?? 'config failed');
  return createServer(outcome.run, undefined, env);
}

export interface Session {
  fake: Fake;
  client: TestClient;
  call(
    name: string,
    args?: Record<string, unknown>,
  ): Promise<{ text: string; isError: boolean; result: Awaited<ReturnType<TestClient['call']>> }>;
  close(): Promise<void>;
}

/** A fake GitHub plus a connected client of a server pointed at it with `argv`. */
export async function session(
  argv: string[] = [],
  options: { token?: string; seed?: Seed; fake?: Fake } = {},
): Promise<Session> {
  const fake = options.fake ?? (await startFake(options.seed ?? defaultSeed()));
  const server = githubServer(['--host', fake.origin, ...argv], {
    GITHUB_PERSONAL_ACCESS_TOKEN: options.token ?? TOKENS.alice,
  });
  const client = await connect(server);
  return {
    fake,
    client,
    async call(name, args = {}) {
      const result = await client.call(name, args);
      return { text: client.textOf(result), isError: Boolean(result.isError), result };
    },
    async close() {
      await client.close();
      await server.close();
      if (!options.fake) await fake.close();
    },
  };
}

/** One session for a describe block: fresh fake per file. */
export function useSession(argv: string[] = [], options: { token?: string; seed?: () => Seed } = {}) {
  const holder = {} as { s: Session };
  beforeAll(async () => {
    holder.s = await session(argv, {
      ...(options.token ? { token: options.token } : {}),
      ...(options.seed ? { seed: options.seed() } : {}),
    });
  });
  afterAll(async () => {
    await holder.s.close();
  });
  return holder;
}

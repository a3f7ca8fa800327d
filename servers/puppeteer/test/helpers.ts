import { parseConfig } from '@bastion-mcp/runtime';
import { connect, type TestClient } from '@bastion-mcp/runtime/testing';
import { configSpec, createServer } from '../src/server.js';

export const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';

/** A server on the real Chromium, as root needs it (--no-sandbox). */
export function browserServer(argv: string[] = []) {
  const outcome = parseConfig(
    configSpec,
    ['--executable-path', CHROMIUM, '--no-sandbox', '--timeout-ms', '5000', ...argv],
    {},
  );
  if (!('run' in outcome)) throw new Error(outcome.stderr);
  return createServer(outcome.run);
}

export async function browserClient(
  argv: string[] = [],
): Promise<{ client: TestClient; close: () => Promise<void>; server: ReturnType<typeof browserServer> }> {
  const server = browserServer(argv);
  const client = await connect(server);
  return {
    client,
    server,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

/** Calls a tool and returns its text; fails the test on an isError result unless `expectError`. */
export async function call(
  client: TestClient,
  name: string,
  args: Record<string, unknown> = {},
): Promise<string> {
  const result = await client.call(name, args);
  const text = client.textOf(result);
  if (result.isError) throw new Error(`${name} failed: ${text}`);
  return text;
}

export async function callError(
  client: TestClient,
  name: string,
  args: Record<string, unknown> = {},
): Promise<string> {
  const result = await client.call(name, args);
  const text = client.textOf(result);
  if (!result.isError) throw new Error(`${name} unexpectedly succeeded: ${text}`);
  return text;
}

/** The ref of the first snapshot line matching `pattern`. */
export function refOf(snapshot: string, pattern: RegExp): string {
  const line = snapshot.split('\n').find((l) => pattern.test(l));
  const ref = line && /\[ref=(e\d+)\]/.exec(line)?.[1];
  if (!ref) throw new Error(`no ref for ${pattern} in:\n${snapshot.slice(0, 3000)}`);
  return ref;
}

/** Retries `probe` until it returns a value `done` accepts (iframes and popups load on their own time). */
export async function eventually<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  tries = 50,
): Promise<T> {
  let value = await probe();
  for (let i = 0; i < tries && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

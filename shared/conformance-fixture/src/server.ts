import { type ConfigOf, defineConfig, defineServer, type Logger, z } from '@bastion-mcp/runtime';
import { prompts, resources } from './catalog.js';
import { contentTools } from './content-tools.js';
import { registerInteractive } from './interactive.js';
import { createStateCodec, registerModern } from './modern.js';

export const configSpec = defineConfig({
  name: 'conformance-fixture',
  version: '0.1.0',
  description: 'Implements the names the MCP conformance suite calls, on the Bastion runtime.',
  options: { unused: z.boolean().default(false).describe('No options of its own') },
});

export function createServer(config: ConfigOf<typeof configSpec.options>, log?: Logger) {
  const codec = createStateCodec();
  return defineServer({
    name: 'conformance-fixture',
    version: '0.1.0',
    tools: contentTools,
    resources,
    prompts,
    state: {},
    selection: config,
    ...(log ? { log } : {}),
    // Tampered state must fail as a JSON-RPC error, which only the SDK's verify hook produces.
    sdkOptions: { requestState: { verify: (state, ctx) => codec.verify(state, ctx) } },
    extend: (server) => {
      registerInteractive(server);
      registerModern(server, codec);
    },
  });
}

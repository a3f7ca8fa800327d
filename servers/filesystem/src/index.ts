import { runMain } from '@bastion-mcp/runtime';
import { configSpec, createServer } from './server.js';

await runMain(configSpec, createServer);

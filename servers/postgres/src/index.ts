import { runMain } from '@bastion-mcp/runtime';
import { configSpec } from './server.js';
import { startServer } from './start.js';

void runMain(configSpec, startServer);

import { runMain } from '@bastion-mcp/runtime';
import { configSpec, createServer } from './server.js';

void runMain(configSpec, createServer);

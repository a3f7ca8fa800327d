import { runMain } from '@bastion-mcp/runtime';
import { configSpec, createServer } from './server.js';

if (process.argv[2] === 'auth') {
  void import('./auth-command.js').then(({ runAuth }) => runAuth(process.argv.slice(3)));
} else {
  void runMain(configSpec, createServer);
}

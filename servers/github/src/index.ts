import { runMain } from '@bastion-mcp/runtime';
import { configSpec, createServer } from './server.js';

// --host names the GitHub host here (as in github-mcp-server), so the HTTP bind address is
// --http-host; runMain binds to config.host, which is set to it once the server is built.
void runMain(configSpec, (config, log) => {
  const server = createServer(config, log);
  (config as { host?: string }).host = config.httpHost;
  return server;
});

import { httpLoad, rssAfterCalls } from '@bastion-mcp/runtime/bench';
import { defaultSeed, startFake, TOKENS } from '/work/main/servers/github/test/fake/index.mjs';
const fake = await startFake(defaultSeed());
const env = { ...process.env, GITHUB_PERSONAL_ACCESS_TOKEN: TOKENS.alice, GITHUB_LOG_LEVEL: 'warn' };
const bin = '/work/main/servers/github/dist/index.js';
console.log(await rssAfterCalls(bin, ['--host', fake.origin], 'get_me', {}, [100, 300], env));
console.log(await httpLoad(bin, ['--host', fake.origin], 'get_me', {}, { total: 200, inFlight: 20, env, check: (r) => JSON.stringify(r).includes('alice') }));
await fake.close();

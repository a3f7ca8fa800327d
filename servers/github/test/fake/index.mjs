export { defaultSeed, TOKENS } from './seed.mjs';
export { startFake } from './server.mjs';

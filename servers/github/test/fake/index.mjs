export { routes } from './routes.mjs';
export { defaultSeed, TOKENS } from './seed.mjs';
export { startFake } from './server.mjs';
export { fullRepo } from './shapes.mjs';

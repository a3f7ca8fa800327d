export {
  type ConnectOptions,
  connect,
  connectUrl,
  type Era,
  type HttpBin,
  type SpawnOptions,
  serveHttpBin,
  spawnBin,
  type TestClient,
} from './connect.js';
export { tempDir } from './fixtures.js';
export { inventoryProblems } from './inventory.js';
export { type Packed, packed } from './pack.js';
export { type BinRun, runBin } from './run-bin.js';
export { fuzzSeed, pathCapProblems, type SchemaFuzzOptions, schemaFuzzProblems } from './schema-fuzz.js';
export { toolSnapshotProblems } from './snapshots.js';

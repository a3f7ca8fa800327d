export {
  type ConnectOptions,
  connect,
  type Era,
  type SpawnOptions,
  spawnBin,
  type TestClient,
} from './connect.js';
export { tempDir } from './fixtures.js';
export { inventoryProblems } from './inventory.js';
export { toolSnapshotProblems } from './snapshots.js';

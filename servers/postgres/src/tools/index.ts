export { describeTable } from './describe-table.js';
export { explain } from './explain.js';
export { listSchemas } from './list-schemas.js';
export { listTables } from './list-tables.js';
export { query } from './query.js';

// Every tool of this server, one export line per file (the registry sorts them).
export { gitStatus } from './git-status.js';

// Every tool of this server, one export line per file (the registry sorts them).
export { listAllowedDirectories } from './list-allowed-directories.js';

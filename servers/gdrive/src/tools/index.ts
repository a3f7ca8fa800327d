export { getPermissions, listComments, listRevisions } from './file-lists.js';
export { getFileMetadata } from './get-file-metadata.js';
export { listFolder } from './list-folder.js';
export { listRecentFiles } from './list-recent-files.js';
export { listSharedDrives } from './list-shared-drives.js';
export { readFile } from './read-file.js';
export { searchFiles } from './search-files.js';

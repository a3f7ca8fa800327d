// Every tool of this server, one export line per file (the registry sorts them).

export { copyFile } from './copy-file.js';
export { createDirectory } from './create-directory.js';
export { deletePath } from './delete-path.js';
export { directoryTree } from './directory-tree.js';
export { editFile } from './edit-file.js';
export { getFileInfo } from './get-file-info.js';
export { listAllowedDirectories } from './list-allowed-directories.js';
export { listDirectory } from './list-directory.js';
export { listDirectoryWithSizes } from './list-directory-with-sizes.js';
export { moveFile } from './move-file.js';
export { readMediaFile } from './read-media-file.js';
export { readMultipleFiles } from './read-multiple-files.js';
export { readTextFile } from './read-text-file.js';
export { searchFileContents } from './search-file-contents.js';
export { searchFiles } from './search-files.js';
export { writeFile } from './write-file.js';

import { MAX_PATH_CHARS, z } from '@bastion-mcp/runtime';

/** Every tool's repo_path (parity with the reference): optional only when one repository is allowed. */
export const repoPathField = z
  .string()
  .max(MAX_PATH_CHARS)
  .optional()
  .describe('Path of the repository (its work tree); may be omitted when exactly one repository is allowed');

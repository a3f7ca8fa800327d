import { z } from '@bastion-mcp/runtime';

/** Every tool's repo_path (parity with the reference): optional only when one repository is allowed. */
export const repoPathField = z
  .string()
  .optional()
  .describe('Path of the repository (its work tree); may be omitted when exactly one repository is allowed');

import { toolsFor } from '@bastion-mcp/runtime';

/** What every filesystem handler finds in `ctx.state`. */
export interface FsState {
  /** Largest file a whole-file read may load, in bytes. Ranged reads (head, tail, offset) are exempt. */
  maxFileSize: number;
}

export const tool = toolsFor<FsState>();

import { toolsFor } from '@bastion-mcp/runtime';

/** What every git handler finds in `ctx.state`. */
export interface GitState {
  /** The repository used when a call omits repo_path (set by --repository, or the only allowed directory). */
  defaultRepo?: string;
  timeoutMs: number;
  /** Bytes of git output a call may collect before it is stopped. */
  maxOutputBytes: number;
  allowForcePush: boolean;
}

export const tool = toolsFor<GitState>();

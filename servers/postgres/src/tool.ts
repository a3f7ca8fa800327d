import { type ToolContext, toolsFor } from '@bastion-mcp/runtime';
import type { Database, ReadOnlyClient } from './lib/database.js';

/** What every postgres handler finds in `ctx.state`. */
export interface PgState {
  db: Database;
  statementTimeoutMs: number;
  maxRows: number;
  /** Characters of row JSON a result may carry (the response budget, less room for the frame). */
  maxBytes: number;
  /** The --schemas allow list (empty: every schema the role can see). */
  schemas: readonly string[];
  /** Host shown in resource URIs (never the user or password). */
  host: string;
}

export const tool = toolsFor<PgState>();

/**
 * Runs `work` in one read-only, time-limited, rolled-back transaction for this call (a tool's or a
 * resource read's: both contexts carry the state and the cancellation signal).
 */
export function readOnly<T>(
  ctx: Pick<ToolContext<PgState>, 'state' | 'signal'>,
  work: (client: ReadOnlyClient) => Promise<T>,
): Promise<T> {
  const { db, statementTimeoutMs, schemas } = ctx.state;
  const searchPath = schemas.length ? schemas : undefined;
  return db.readOnly(work, { timeoutMs: statementTimeoutMs, signal: ctx.signal, searchPath });
}

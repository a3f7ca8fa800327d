import { z } from 'zod';
import { invalidInput } from './errors.js';

/** The one pagination shape: `cursor` in, `nextCursor` out. Add this field to a list tool's input. */
export const cursorField = z
  .string()
  .optional()
  .describe("Opaque cursor from a previous call's nextCursor; omit for the first page");

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export function encodeCursor(state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; a forged or stale one is an invalid_input error. */
export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw invalidInput(
      'cursor is not one this server issued.',
      'Pass the nextCursor value from the previous result unchanged, or omit cursor to start over.',
    );
  }
  return result.data;
}

const offsetCursor = z.object({ offset: z.number().int().nonnegative() });

/** Pages an in-memory list by offset. */
export function paginate<T>(all: readonly T[], cursor: string | undefined, pageSize: number): Page<T> {
  const offset = decodeCursor(cursor, offsetCursor)?.offset ?? 0;
  const items = all.slice(offset, offset + pageSize);
  const next = offset + items.length;
  return next < all.length ? { items, nextCursor: encodeCursor({ offset: next }) } : { items };
}

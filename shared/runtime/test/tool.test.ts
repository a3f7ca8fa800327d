import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { annotationsFor, defineTool, text } from '../src/index.js';

describe('annotations derive from kind', () => {
  it.each([
    [
      'read',
      false,
      { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    ],
    [
      'write',
      false,
      { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    ],
    [
      'destructive',
      true,
      { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    ],
  ] as const)('%s (openWorld %s)', (kind, openWorld, hints) => {
    expect(annotationsFor(kind, 'T', openWorld)).toEqual({ title: 'T', ...hints });
  });

  it('defineTool attaches them and rejects names that are not snake_case', () => {
    const base = {
      title: 'X',
      description: 'x',
      kind: 'read' as const,
      input: z.object({}),
      handle: async () => text(''),
    };
    expect(defineTool({ ...base, name: 'list_things' }).annotations.readOnlyHint).toBe(true);
    for (const bad of ['ListThings', 'list-things', '1list', '', 'a'.repeat(65)]) {
      expect(() => defineTool({ ...base, name: bad })).toThrow(/snake_case/);
    }
  });
});

import { invalidInput, MAX_PATH_CHARS, text, z } from '@bastion-mcp/runtime';
import type { ElementHandle } from 'puppeteer-core';
import { act } from '../lib/act.js';
import { controlKind } from '../lib/fill.js';
import { resolveTarget, targetFields } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

export const browserFileUpload = tool({
  name: 'browser_file_upload',
  title: 'Upload files',
  description:
    'Set the files of a file input (by ref or selector). Paths must lie inside the allowed directories given to the server.',
  kind: 'write',
  openWorld: true,
  input: z.object({
    ...targetFields,
    paths: z
      .array(z.string().max(MAX_PATH_CHARS))
      .min(1)
      .max(20)
      .describe('Absolute paths, or relative to the first allowed directory'),
  }),
  async handle(input, ctx) {
    // Check every path before touching the page: none is sent unless all are allowed.
    const files: string[] = [];
    for (const p of input.paths) {
      const resolved = await ctx.sandbox.resolve(p);
      if (!resolved.exists)
        throw invalidInput(
          `paths: ${p} does not exist.`,
          'Pass existing files inside the allowed directories.',
        );
      files.push(resolved.path);
    }
    const { tab, note } = await ctx.state.browser.tab(ctx);
    const answer = await act(ctx, tab, note, async () => {
      const { handle, label } = await resolveTarget(tab, input, ctx.state.timeoutMs);
      if ((await controlKind(handle)) !== 'file')
        throw invalidInput(`${label} is not a file input.`, 'Pass the ref of an <input type=file>.');
      await (handle as unknown as ElementHandle<HTMLInputElement>).uploadFile(...files);
      return `Set ${files.length} file${files.length === 1 ? '' : 's'} on ${label}.`;
    });
    return text(answer);
  },
});

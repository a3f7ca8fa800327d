import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { image, invalidInput, resourceLink, z } from '@bastion-mcp/runtime';
import { bounded } from '../lib/act.js';
import { saveFile } from '../lib/output.js';
import { resolveTarget } from '../lib/snapshot-page.js';
import { tool } from '../tool.js';

export const browserTakeScreenshot = tool({
  name: 'browser_take_screenshot',
  title: 'Take a screenshot',
  description:
    'Screenshot the viewport, the full page, or one element (ref or selector). Scaled so its longer edge is at most maxEdge pixels. Returned as an image, or saved under the output directory with a link when filename is given (or the image is too large to return).',
  kind: 'read',
  openWorld: true,
  aliases: ['puppeteer_screenshot'],
  input: z.object({
    ref: z.string().optional().describe('Only this element (from browser_snapshot)'),
    selector: z.string().optional().describe('Only the element matching this selector'),
    element: z.string().optional().describe('Human description of the element, used in messages'),
    fullPage: z.boolean().default(false).describe('The whole scrollable page instead of the viewport'),
    type: z.enum(['png', 'jpeg']).default('png').describe('Image format'),
    quality: z.number().int().min(1).max(100).optional().describe('JPEG quality'),
    maxEdge: z
      .number()
      .int()
      .min(100)
      .max(4000)
      .default(1280)
      .describe('Longest edge in pixels after scaling'),
    filename: z
      .string()
      .optional()
      .describe('Save under the output directory with this name instead of returning the image'),
    name: z
      .string()
      .optional()
      .describe("Keep the image as resource screenshot://<name> (the reference server's field)"),
    width: z.number().int().min(100).max(4000).optional().describe('Resize the viewport to this width first'),
    height: z
      .number()
      .int()
      .min(100)
      .max(4000)
      .optional()
      .describe('Resize the viewport to this height first'),
  }),
  async handle(input, ctx) {
    if (input.quality !== undefined && input.type !== 'jpeg')
      throw invalidInput('quality: only for type "jpeg".', 'Pass type: "jpeg" or drop quality.');
    const { tab } = await ctx.state.browser.tab(ctx);
    const page = tab.page;
    if (input.width || input.height) {
      const current = page.viewport() ?? { width: 1280, height: 720 };
      await page.setViewport({ width: input.width ?? current.width, height: input.height ?? current.height });
    }
    let clip: { x: number; y: number; width: number; height: number };
    if (input.ref !== undefined || input.selector !== undefined) {
      const { handle, label } = await resolveTarget(tab, input, ctx.state.timeoutMs);
      await handle.scrollIntoView().catch(() => {});
      const box = await handle.boundingBox();
      if (!box)
        throw invalidInput(
          `${label} is not visible, so it has no area to capture.`,
          'Pick a visible element.',
        );
      const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
      clip = { x: box.x + scroll.x, y: box.y + scroll.y, width: box.width, height: box.height };
    } else if (input.fullPage) {
      const size = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        height: document.documentElement.scrollHeight,
      }));
      clip = { x: 0, y: 0, width: size.width, height: Math.min(size.height, 16_000) };
    } else {
      const view = await page.evaluate(() => ({
        x: window.scrollX,
        y: window.scrollY,
        width: window.innerWidth,
        height: window.innerHeight,
      }));
      clip = view;
    }
    const scale = Math.min(1, input.maxEdge / Math.max(clip.width, clip.height, 1));
    const data = Buffer.from(
      await bounded(
        page.screenshot({
          type: input.type,
          ...(input.quality === undefined ? {} : { quality: input.quality }),
          clip: { ...clip, scale },
          captureBeyondViewport: true,
        }),
        ctx.state.timeoutMs,
        ctx.signal,
        'The screenshot',
      ),
    );
    const mimeType = `image/${input.type}`;
    if (input.name) (await ctx.state.browser.session(ctx)).keepScreenshot(input.name, { data, mimeType });
    const tooLarge = data.length * 1.37 > ctx.state.budget * 20;
    if (input.filename || tooLarge) {
      const file = await saveFile(
        ctx.state.outputDir,
        input.filename ?? `screenshot-${Date.now()}.${input.type}`,
        input.type,
        data,
      );
      return resourceLink(pathToFileURL(file).href, path.basename(file), {
        mimeType,
        size: data.length,
        textForm: `Saved a ${Math.round(clip.width * scale)}x${Math.round(clip.height * scale)} screenshot to ${file}${tooLarge && !input.filename ? ' (too large to return inline)' : ''}.`,
      });
    }
    return image(data, mimeType);
  },
});

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resourceLink, z } from '@bastion-mcp/runtime';
import { bounded } from '../lib/act.js';
import { saveFile } from '../lib/output.js';
import { tool } from '../tool.js';

export const browserPdfSave = tool({
  name: 'browser_pdf_save',
  title: 'Save the page as PDF',
  description: 'Print the current page to a PDF file in the output directory (--output-dir) and link it.',
  kind: 'write',
  input: z.object({
    filename: z.string().optional().describe('File name (sanitised); default page-<time>.pdf'),
  }),
  async handle({ filename }, ctx) {
    const { tab } = await ctx.state.browser.tab(ctx);
    if (!ctx.state.outputDir) await saveFile(undefined, '', 'pdf', Buffer.alloc(0));
    const data = Buffer.from(
      await bounded(tab.page.pdf({ printBackground: true }), ctx.state.timeoutMs, ctx.signal, 'Printing'),
    );
    const file = await saveFile(ctx.state.outputDir, filename ?? `page-${Date.now()}.pdf`, 'pdf', data);
    return resourceLink(pathToFileURL(file).href, path.basename(file), {
      mimeType: 'application/pdf',
      size: data.length,
      textForm: `Saved ${tab.page.url()} as ${file} (${data.length} bytes).`,
    });
  },
});

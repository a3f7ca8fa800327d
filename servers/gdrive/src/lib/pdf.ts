import { invalidInput, ToolError } from '@bastion-mcp/runtime';

type Unpdf = typeof import('unpdf');

/** unpdf, or undefined when it is not installed beside the server. */
async function loadUnpdf(): Promise<Unpdf | undefined> {
  try {
    return await import('unpdf');
  } catch {
    return undefined;
  }
}

/**
 * The text of a PDF, page by page, through unpdf (PDF.js's serverless build). It stays out of the
 * bundle (a runtime dependency, 2.5 MB) and loads on the first PDF read only.
 */
export async function pdfText(bytes: Buffer, label: string): Promise<string> {
  const unpdf = await loadUnpdf();
  if (!unpdf)
    throw new ToolError(
      'upstream',
      `${label}: PDF text needs the unpdf package, which is not installed beside this server.`,
      'Reinstall @bastion-mcp/server-gdrive (npx installs unpdf with it), or download the PDF with download=true.',
    );
  const { extractText, getDocumentProxy } = unpdf;
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    throw invalidInput(
      `${label} could not be parsed as a PDF (${(error as Error).message.split('\n')[0]}).`,
      'Download it with download=true and --output-dir instead.',
    );
  }
  const { text, totalPages } = await extractText(pdf, { mergePages: false });
  const pages = Array.isArray(text) ? text : [text];
  const body = pages.map((page, i) => `--- page ${i + 1} of ${totalPages} ---\n${page}`).join('\n\n');
  return body.trim() ? body : `(${totalPages} page(s), no extractable text: the PDF may be scanned images)`;
}

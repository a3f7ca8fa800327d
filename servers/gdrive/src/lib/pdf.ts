import { ToolError } from '@bastion-mcp/runtime';

/** The text of a PDF. */
export async function pdfText(bytes: Buffer, label: string): Promise<string> {
  void bytes;
  throw new ToolError(
    'invalid_input',
    `${label}: PDF text extraction is not available in this build.`,
    'Download it with download=true and --output-dir.',
  );
}

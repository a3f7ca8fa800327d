import { structured, type ToolResult, untrusted } from '@bastion-mcp/runtime';

/**
 * A list answer: one compact line per item in the text (user text sanitised and fenced as
 * untrusted), the items as structuredContent, and the cursor for the next page.
 */
export function listResult<T extends Record<string, unknown>>(
  source: string,
  items: T[],
  line: (item: T) => string,
  nextCursor: string | undefined,
  extra: Record<string, unknown> = {},
): ToolResult {
  const lines = items.map(line).join('\n');
  const body = items.length ? untrusted(source, lines) : `No results in ${source}.`;
  const more = nextCursor ? `\nMore results: call again with cursor "${nextCursor}".` : '';
  return structured(
    { ...extra, items, ...(nextCursor ? { nextCursor } : {}) },
    `${items.length} result(s) from ${source}:\n${body}${more}`,
    nextCursor ? { rest: `Call again with cursor "${nextCursor}" for the next page, or lower perPage.` } : {},
  );
}

/** A write answer: {id, number, url} and one line for the model. */
export function writeResult(
  summary: string,
  data: { id?: number | string; number?: number; url: string } & Record<string, unknown>,
): ToolResult {
  return structured(data, `${summary}: ${data.url}`);
}

/** A single object with user-written parts (bodies) fenced as untrusted. */
export function itemResult(
  source: string,
  header: string,
  body: string | undefined,
  data: Record<string, unknown>,
): ToolResult {
  const text = body ? `${header}\n${untrusted(source, body)}` : header;
  return structured(data, text);
}

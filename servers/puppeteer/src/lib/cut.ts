/**
 * Cuts page content to fit the response budget before it is wrapped as untrusted data (so the
 * wrapper's closing tag is never cut), at a line boundary, with a marker saying how to narrow.
 */
export function cutToBudget(body: string, budget: number, hint: string): string {
  const room = Math.max(budget - 1200, 500);
  if (body.length <= room) return body;
  const slice = body.slice(0, room);
  const newline = slice.lastIndexOf('\n');
  const kept = newline > 0 ? slice.slice(0, newline) : slice;
  return `${kept}\n[cut: ${body.length - kept.length} of ${body.length} characters left out by the response budget. ${hint}]`;
}

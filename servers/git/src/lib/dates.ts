import { invalidInput } from '@bastion-mcp/runtime';

const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?';
const UNIT = '(?:second|minute|hour|day|week|month|year)s?';
const TIME = '\\d{1,2}:\\d{2}(?::\\d{2})?';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FORMS = [
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/i,
  new RegExp(`^(?:\\d+ ${UNIT},? )+ago$`, 'i'),
  /^(?:yesterday|today|now|midnight|noon|last (?:week|month|year))$/i,
  new RegExp(`^${MONTH} \\d{1,2},? \\d{4}(?: ${TIME})?$`, 'i'),
  new RegExp(`^\\d{1,2} ${MONTH} \\d{4}(?: ${TIME})?$`, 'i'),
];

/**
 * A --since/--until value. Git's date parser takes anything and guesses (an unknown word means
 * "now", "a week ago" is now, "2 weaks ago" a different date), so only forms it reads reliably are
 * accepted: ISO 8601 dates and times, "N units ago", a few words and "Jan 15 2024" style dates.
 * A bare ISO date covers its whole day: from 00:00:00 as a start, to 23:59:59 as an end (git would
 * otherwise use the current time of day).
 */
export function gitDate(value: string, field: string, edge: 'since' | 'until'): string {
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (ISO_DATE.test(trimmed)) return `${trimmed}T${edge === 'since' ? '00:00:00' : '23:59:59'}`;
  if (!FORMS.some((form) => form.test(trimmed))) {
    throw invalidInput(
      `${field} "${value}" is not a date this server accepts.`,
      "Use ISO 8601 ('2024-01-15', '2024-01-15T14:30:25', '2024-01-15T14:30:25+02:00'), a relative date ('2 weeks ago', '3 days ago', 'yesterday') or 'Jan 15 2024'.",
    );
  }
  return trimmed;
}

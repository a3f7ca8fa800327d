import { redact } from './secrets.js';

/** The kinds of failure a tool reports to the model; each has a stable code. */
export const ERROR_KINDS = [
  'invalid_input',
  'not_found',
  'access_denied',
  'conflict',
  'too_large',
  'timeout',
  'upstream',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

const DEFAULT_FIX: Record<ErrorKind, string> = {
  invalid_input: 'Correct the arguments and call again.',
  not_found: 'Check the name or path (list first if unsure) and call again.',
  access_denied: 'Use a target inside what this server allows; the limits are set by its operator.',
  conflict: 'Resolve the conflict named above, or choose another target.',
  too_large: 'Narrow the request (a range, a filter or a smaller limit) and call again.',
  timeout: 'Narrow the request or raise the server timeout, then call again.',
  upstream: 'The service behind this server failed; retry later or check its status.',
};

/**
 * A failure the model can act on. `message` says what was wrong; `fix` says how to change the call.
 * The runtime turns it into an `isError` result, never a protocol error.
 */
export class ToolError extends Error {
  readonly kind: ErrorKind;
  readonly fix: string;

  constructor(kind: ErrorKind, message: string, fix?: string) {
    super(message);
    this.name = 'ToolError';
    this.kind = kind;
    this.fix = fix ?? DEFAULT_FIX[kind];
  }

  /** The text the model reads: `[kind] message Fix: ...`. */
  toText(): string {
    return `[${this.kind}] ${this.message}\nFix: ${this.fix}`;
  }
}

export const invalidInput = (message: string, fix?: string) => new ToolError('invalid_input', message, fix);
export const notFound = (message: string, fix?: string) => new ToolError('not_found', message, fix);
export const accessDenied = (message: string, fix?: string) => new ToolError('access_denied', message, fix);
export const conflict = (message: string, fix?: string) => new ToolError('conflict', message, fix);
export const tooLarge = (message: string, fix?: string) => new ToolError('too_large', message, fix);

/** A configuration problem found at startup; the bin prints it with usage and exits with code 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function isToolError(error: unknown): error is ToolError {
  return error instanceof ToolError;
}

/** An unexpected error as a client may see it: its first line, secrets redacted, bounded. */
export function errorSummary(error: unknown): string {
  return (redact(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').slice(0, 200);
}

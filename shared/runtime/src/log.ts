import { redact } from './secrets.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string, detail?: unknown): void;
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

/** Logs go to stderr only: in stdio mode stdout belongs to JSON-RPC. */
export function createLogger(
  name: string,
  level: LogLevel = 'info',
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const emit = (at: Exclude<LogLevel, 'silent'>, message: string, detail?: unknown) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    const extra = detail === undefined ? '' : ` ${formatDetail(detail)}`;
    write(redact(`[${name}] ${at}: ${message}${extra}\n`));
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
  };
}

function formatDetail(detail: unknown): string {
  if (detail instanceof Error) return detail.stack ?? detail.message;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

/**
 * Default cap on one inbound message: above the SDK's 10 MiB so every message it took still fits
 * (a large write_file), low enough that a runaway client cannot make the server buffer gigabytes.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

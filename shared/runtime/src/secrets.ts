/**
 * Credentials the process holds (tokens, keys). Every log line and every tool error passes through
 * `redact`, so a secret that leaks into an upstream message never reaches stderr or the model.
 * Process-wide on purpose: the logger exists before any server does, and a secret is a secret
 * whichever server instance read it.
 */
const secrets = new Set<string>();

/** Shortest value worth redacting; shorter ones would mangle ordinary text. */
const MIN_SECRET = 6;

/** Registers a credential; blank or very short values are ignored. */
export function addSecret(value: string | undefined): void {
  const trimmed = value?.trim();
  if (trimmed && trimmed.length >= MIN_SECRET) secrets.add(trimmed);
}

/** Replaces every registered secret (and its URL-encoded form) with `[redacted]`. */
export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      if (out.includes(form)) out = out.split(form).join('[redacted]');
    }
  }
  return out;
}

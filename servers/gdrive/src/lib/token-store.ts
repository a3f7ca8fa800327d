import fs from 'node:fs/promises';
import path from 'node:path';
import { addSecret, atomicWrite } from '@bastion-mcp/runtime';

/** The stored user token, the shape google-auth-library's `credentials` has (and the reference wrote). */
export interface StoredToken {
  access_token?: string | null;
  refresh_token?: string | null;
  expiry_date?: number | null;
  scope?: string;
  token_type?: string | null;
  id_token?: string | null;
}

export async function readToken(file: string): Promise<StoredToken | undefined> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const token = JSON.parse(raw) as StoredToken;
  addSecret(token.access_token ?? undefined);
  addSecret(token.refresh_token ?? undefined);
  return token;
}

/**
 * Merges new tokens into the stored ones and writes the file atomically, 0600 in a 0700 folder.
 * Google sends a refresh_token only on first consent: a refresh answer without one keeps the old.
 */
export async function saveToken(file: string, update: StoredToken): Promise<StoredToken> {
  const current = (await readToken(file).catch(() => undefined)) ?? {};
  const merged: StoredToken = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value !== undefined && value !== null) (merged as Record<string, unknown>)[key] = value;
  }
  addSecret(merged.access_token ?? undefined);
  addSecret(merged.refresh_token ?? undefined);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await atomicWrite(file, `${JSON.stringify(merged, null, 2)}\n`, { mode: 0o600 });
  // atomicWrite keeps an existing file's mode: a token file left world-readable (as the reference
  // wrote it) is tightened here.
  await fs.chmod(file, 0o600);
  return merged;
}

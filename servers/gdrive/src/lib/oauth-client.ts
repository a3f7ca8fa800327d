import fs from 'node:fs/promises';
import { addSecret, ConfigError } from '@bastion-mcp/runtime';
import { checkBaseUrl } from './api-url.js';

export interface OAuthClientFile {
  clientId: string;
  clientSecret?: string;
  tokenUri: string;
  authUri: string;
}

const AUTH_URI = 'https://accounts.google.com/o/oauth2/v2/auth';
const TOKEN_URI = 'https://oauth2.googleapis.com/token';

/** Reads the OAuth client JSON downloaded from Google Cloud ({ installed: {...} } or { web: {...} }). */
export async function readOAuthClient(file: string): Promise<OAuthClientFile | undefined> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let parsed: Record<string, Record<string, unknown> | undefined>;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(`GDRIVE_OAUTH_PATH: ${file} is not JSON`);
  }
  const body = parsed.installed ?? parsed.web ?? (parsed as Record<string, unknown>);
  const clientId = body.client_id;
  if (typeof clientId !== 'string' || !clientId)
    throw new ConfigError(
      `GDRIVE_OAUTH_PATH: ${file} has no client_id (expected Google's "installed" client JSON)`,
    );
  const secret = typeof body.client_secret === 'string' ? body.client_secret : undefined;
  addSecret(secret);
  const tokenUri = typeof body.token_uri === 'string' ? body.token_uri : TOKEN_URI;
  const authUri = typeof body.auth_uri === 'string' ? body.auth_uri : AUTH_URI;
  return {
    clientId,
    ...(secret ? { clientSecret: secret } : {}),
    // The token travels to token_uri: https only (plain http on loopback for tests).
    tokenUri: checkBaseUrl('token_uri', tokenUri).replace(/\/$/, ''),
    authUri: checkBaseUrl('auth_uri', authUri).replace(/\/$/, ''),
  };
}

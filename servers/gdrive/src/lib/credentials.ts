import fs from 'node:fs/promises';
import { addSecret, ConfigError } from '@bastion-mcp/runtime';
import { type AuthClient, GoogleAuth, JWT, OAuth2Client } from 'google-auth-library';
import { rebase } from './api-url.js';
import { readOAuthClient } from './oauth-client.js';
import type { CredentialPaths } from './paths.js';
import { retryBackoff } from './retry.js';
import { readToken, saveToken } from './token-store.js';

export interface AuthSettings {
  scopes: string[];
  paths: CredentialPaths;
  impersonate?: string | undefined;
  apiUrl?: string | undefined;
  env: Record<string, string | undefined>;
}

/**
 * Node's own fetch for Google requests (gaxios would otherwise load node-fetch for every call);
 * media downloads pick node-fetch per request for its lower memory peak (see download.ts).
 */
export const transporterOptions = {
  fetchImplementation: globalThis.fetch,
  // Bounded retries (gaxios: 3 for 408, 429 and 5xx) that wait as long as a Retry-After asks.
  retryConfig: { retryBackoff },
};

export type AuthSource = 'service-account' | 'user-token' | 'application-default';

/**
 * The credentials, in order: a service account key (GOOGLE_APPLICATION_CREDENTIALS, optionally
 * impersonating a user), the user token `auth` stored, then Application Default Credentials.
 * Reads local files only; the first token request happens with the first API call.
 */
export async function resolveAuth(
  settings: AuthSettings,
): Promise<{ client: AuthClient; source: AuthSource; settled: () => Promise<void> }> {
  const saves = { last: Promise.resolve() };
  const found = await pick(settings, saves);
  const client = found.client;
  // Under --api-url every Google host (token endpoints included, which the libraries fix) is
  // rebased onto it at the transport, so no request can slip past to Google.
  client.transporter.interceptors.request.add({
    resolved: async (options) => {
      options.url = rebase(new URL(options.url), settings.apiUrl);
      return options;
    },
  });
  // Tokens are secrets from the moment they exist.
  client.on('tokens', (tokens: { access_token?: string | null; refresh_token?: string | null }) => {
    addSecret(tokens.access_token ?? undefined);
    addSecret(tokens.refresh_token ?? undefined);
  });
  return { client, source: found.source, settled: () => saves.last };
}

async function pick(
  settings: AuthSettings,
  saves: { last: Promise<void> },
): Promise<{ client: AuthClient; source: AuthSource }> {
  const keyFile = settings.env.GOOGLE_APPLICATION_CREDENTIALS;
  if (keyFile) {
    const key = await readJson(keyFile, 'GOOGLE_APPLICATION_CREDENTIALS');
    if (key.type === 'service_account') {
      if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string')
        throw new ConfigError(`GOOGLE_APPLICATION_CREDENTIALS: ${keyFile} lacks client_email or private_key`);
      addSecret(key.private_key);
      return {
        client: new JWT({
          transporterOptions,
          email: key.client_email,
          key: key.private_key,
          scopes: settings.scopes,
          ...(settings.impersonate ? { subject: settings.impersonate } : {}),
        }),
        source: 'service-account',
      };
    }
  }
  // Impersonation is a service account's; silently acting as the signed-in user instead would surprise.
  if (settings.impersonate)
    throw new ConfigError('--impersonate needs a service account key in GOOGLE_APPLICATION_CREDENTIALS');
  const token = await readToken(settings.paths.credentials);
  if (token) return { client: await userClient(settings, token, saves), source: 'user-token' };
  const adc = new GoogleAuth({ scopes: settings.scopes, clientOptions: { transporterOptions } });
  try {
    return { client: (await adc.getClient()) as AuthClient, source: 'application-default' };
  } catch {
    throw new NoCredentials();
  }
}

export class NoCredentials extends Error {
  constructor() {
    super('no Google credentials found');
    this.name = 'NoCredentials';
  }
}

async function userClient(
  settings: AuthSettings,
  token: Parameters<OAuth2Client['setCredentials']>[0],
  saves: { last: Promise<void> },
) {
  const oauth = await readOAuthClient(settings.paths.oauth);
  const client = new OAuth2Client({
    transporterOptions,
    ...(oauth ? { clientId: oauth.clientId } : {}),
    ...(oauth?.clientSecret ? { clientSecret: oauth.clientSecret } : {}),
    ...(oauth ? { endpoints: { oauth2TokenUrl: oauth.tokenUri } } : {}),
    // A token the server side expired (or revoked access) gets one refresh and a retry.
    forceRefreshOnFailure: true,
  });
  client.setCredentials(token);
  // Merge, never overwrite: a refresh answer carries no refresh_token.
  // Saves run one after another, so two refreshes never race on the file.
  client.on('tokens', (tokens) => {
    saves.last = saves.last
      .then(() => saveToken(settings.paths.credentials, tokens).then(() => {}))
      .catch(() => {});
  });
  return client;
}

async function readJson(file: string, what: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${what}: cannot read ${file} (${(error as Error).message.split('\n')[0]})`);
  }
}

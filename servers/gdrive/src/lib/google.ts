// The v3/v4 modules alone: the package index also loads Drive v2 and builds a GoogleAuth at import.
import { drive_v3 } from '@googleapis/drive/build/v3.js';
import { sheets_v4 } from '@googleapis/sheets/build/v4.js';
import type { AuthClient } from 'google-auth-library';
import { type AuthSettings, type AuthSource, resolveAuth } from './credentials.js';

/** The Google clients, built on first use (this module is imported lazily: no cost at start-up). */
export interface Google {
  drive: drive_v3.Drive;
  sheets: sheets_v4.Sheets;
  auth: AuthClient;
  source: AuthSource;
  /** Per-call options every upload needs too (the client's rootUrl does not reach media uploads). */
  rootUrl: string | undefined;
  /** Resolves when refreshed tokens are written to the token file. */
  settled(): Promise<void>;
}

export async function connectGoogle(settings: AuthSettings): Promise<Google> {
  const { client, source, settled } = await resolveAuth(settings);
  const rootUrl = settings.apiUrl;
  // Any AuthClient works at run time; the generated Options type names a few classes only.
  const options = { auth: client as drive_v3.Options['auth'], ...(rootUrl ? { rootUrl } : {}) };
  return {
    drive: new drive_v3.Drive(options),
    sheets: new sheets_v4.Sheets({ ...options, auth: client as sheets_v4.Options['auth'] }),
    auth: client,
    source,
    rootUrl,
    settled,
  };
}

import os from 'node:os';
import path from 'node:path';

/**
 * The folder for this server's token and OAuth client files: absolute, in the user's config folder
 * (never beside the install, which moves under npx): %APPDATA%\bastion-mcp\gdrive on Windows, else
 * $XDG_CONFIG_HOME/bastion-mcp/gdrive or ~/.config/bastion-mcp/gdrive.
 */
export function configDir(env: Record<string, string | undefined>): string {
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'bastion-mcp', 'gdrive');
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'bastion-mcp', 'gdrive');
}

export interface CredentialPaths {
  /** The stored user token written by `auth` (GDRIVE_CREDENTIALS_PATH). */
  credentials: string;
  /** The OAuth client file from Google Cloud (GDRIVE_OAUTH_PATH), the reference's shape. */
  oauth: string;
}

export function credentialPaths(env: Record<string, string | undefined>): CredentialPaths {
  const dir = configDir(env);
  return {
    credentials: path.resolve(env.GDRIVE_CREDENTIALS_PATH || path.join(dir, 'credentials.json')),
    oauth: path.resolve(env.GDRIVE_OAUTH_PATH || path.join(dir, 'gcp-oauth.keys.json')),
  };
}

export const SCOPES = {
  readonly: 'https://www.googleapis.com/auth/drive.readonly',
  drive: 'https://www.googleapis.com/auth/drive',
} as const;

/** Scopes the exposed tools need: drive.readonly, or the full drive scope once any tool writes. */
export function scopesFor(tools: readonly { kind: string }[]): string[] {
  return tools.some((t) => t.kind !== 'read') ? [SCOPES.drive] : [SCOPES.readonly];
}

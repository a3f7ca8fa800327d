import {
  accessDenied,
  ConfigError,
  invalidInput,
  isToolError,
  notFound,
  ToolError,
  tooLarge,
} from '@bastion-mcp/runtime';
import type { AuthSource } from './credentials.js';

export const AUTH_COMMAND = 'npx -y @bastion-mcp/server-gdrive auth';

interface GoogleErrorBody {
  error?:
    | string
    | {
        code?: number;
        message?: string;
        errors?: { reason?: string; message?: string }[];
        details?: { reason?: string }[];
      };
  error_description?: string;
}

/** What fixes a refused sign-in depends on which credentials were refused. */
const REFUSED_SIGN_IN: Record<AuthSource, [string, string]> = {
  'user-token': [
    'Google refused the stored sign-in (invalid_grant: the token was revoked, expired or the password changed).',
    `Sign in again: run \`${AUTH_COMMAND}\`, then restart the server.`,
  ],
  'service-account': [
    "Google refused the service account's key (invalid_grant: the key was deleted or disabled, the clock is off, or --impersonate has no domain-wide delegation).",
    'Create a new key for the service account and point GOOGLE_APPLICATION_CREDENTIALS at it; with --impersonate, check the delegation in the Admin console. Then restart.',
  ],
  'application-default': [
    'Google refused the Application Default Credentials (invalid_grant: revoked or expired).',
    `Run \`gcloud auth application-default login\`, or sign in with \`${AUTH_COMMAND}\`; then restart.`,
  ],
};

/**
 * Turns a Google client failure into a ToolError the model can act on. `what` names the target;
 * `source` the credentials in use, when they were resolved.
 */
export function driveError(error: unknown, what: string, source: AuthSource = 'user-token'): ToolError {
  if (isToolError(error)) return error;
  if (error instanceof ConfigError)
    return accessDenied((error as Error).message, `Fix the setup, then restart the server. ${SETUP}`);
  if ((error as Error)?.name === 'NoCredentials')
    return accessDenied('no Google credentials are configured.', SETUP);
  const e = error as {
    status?: number;
    response?: { status?: number; data?: unknown };
    message?: string;
    code?: string;
  };
  const status = e.response?.status ?? e.status;
  const body = (e.response?.data ?? {}) as GoogleErrorBody;
  const detail = typeof body.error === 'object' ? body.error : undefined;
  const reasons = [
    ...(detail?.errors ?? []).map((x) => x.reason),
    ...(detail?.details ?? []).map((x) => x.reason),
    typeof body.error === 'string' ? body.error : undefined,
  ].filter(Boolean) as string[];
  const message = detail?.message ?? body.error_description ?? e.message ?? String(error);

  if (reasons.includes('invalid_grant') || /invalid_grant/.test(message))
    return accessDenied(...REFUSED_SIGN_IN[source]);
  if (reasons.includes('invalid_client') || /No refresh token|refresh handler/i.test(message))
    return accessDenied(
      'the access token expired and cannot be refreshed (no refresh token or OAuth client id/secret).',
      `Check GDRIVE_OAUTH_PATH points at the OAuth client file, then run \`${AUTH_COMMAND}\`.`,
    );
  if (status === 404)
    return notFound(
      `${what} was not found, or this account cannot see it.`,
      'Check the id (search_files or list_folder shows ids).',
    );
  if (
    status === 403 &&
    reasons.some((r) => /insufficientPermissions|ACCESS_TOKEN_SCOPE_INSUFFICIENT/.test(r))
  )
    return accessDenied(
      `${what}: the sign-in lacks the Google scope this needs (https://www.googleapis.com/auth/drive; it has drive.readonly).`,
      `Run \`${AUTH_COMMAND} --toolsets write\` (or with a service account, grant the drive scope), then restart.`,
    );
  if (status === 403 && reasons.includes('exportSizeLimitExceeded'))
    return tooLarge(
      `${what} is larger than Google's 10 MB export limit.`,
      'With --output-dir set, read_file saves it there instead (as Markdown, xlsx or pptx).',
    );
  if (status === 401)
    return accessDenied(`Google rejected the credentials (${message}).`, `Run \`${AUTH_COMMAND}\` again.`);
  if (status === 403)
    return accessDenied(
      `${what}: Google refused (${message}).`,
      'This account lacks access to it; ask its owner or pick another file.',
    );
  if (status === 400) return invalidInput(`${what}: Google rejected the request (${message}).`);
  if (status === 429)
    return new ToolError('upstream', `Google's rate limit was hit (${message}).`, 'Wait a minute and retry.');
  return new ToolError('upstream', `Google Drive call failed for ${what}: ${message.split('\n')[0]}`);
}

const SETUP = `Set GOOGLE_APPLICATION_CREDENTIALS to a service account key, or run \`${AUTH_COMMAND}\` to sign in (see the README).`;

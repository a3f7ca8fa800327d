import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { ConfigError, parseConfig } from '@bastion-mcp/runtime';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { rebase } from './lib/api-url.js';
import { transporterOptions } from './lib/credentials.js';
import { readOAuthClient } from './lib/oauth-client.js';
import { credentialPaths, scopesFor } from './lib/paths.js';
import { saveToken } from './lib/token-store.js';
import { configSpec, createServer } from './server.js';

const WAIT_MS = 5 * 60_000;
const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `mcp-server-gdrive auth [--toolsets write]`: signs the user in with the installed-app flow on a
 * loopback redirect (127.0.0.1, a random port), with `state` and PKCE, and stores the token 0600.
 * The URL goes to stderr (and to a browser when one can be opened); stdout stays empty.
 */
export async function runAuth(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  try {
    process.exitCode = await signIn(argv, env);
  } catch (error) {
    say(`mcp-server-gdrive auth: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  }
}

async function signIn(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const parsed = parseConfig(configSpec, argv, env);
  if ('exit' in parsed) {
    if (parsed.stdout) say(parsed.stdout.trimEnd());
    if (parsed.stderr) say(parsed.stderr.trimEnd());
    return parsed.exit;
  }
  const config = parsed.run;
  const scopes = scopesFor(createServer(config, undefined, env).tools);
  const paths = credentialPaths({
    ...env,
    ...(config.credentialsPath ? { GDRIVE_CREDENTIALS_PATH: config.credentialsPath } : {}),
    ...(config.oauthPath ? { GDRIVE_OAUTH_PATH: config.oauthPath } : {}),
  });
  const oauth = await readOAuthClient(paths.oauth);
  if (!oauth)
    throw new ConfigError(
      `no OAuth client file at ${paths.oauth}. Create a Desktop OAuth client in Google Cloud, download its JSON there (or set GDRIVE_OAUTH_PATH), then run auth again.`,
    );

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const redirectUri = `http://127.0.0.1:${port}/oauth2callback`;
  const client = new OAuth2Client({
    transporterOptions,
    clientId: oauth.clientId,
    ...(oauth.clientSecret ? { clientSecret: oauth.clientSecret } : {}),
    redirectUri,
    endpoints: { oauth2TokenUrl: oauth.tokenUri, oauth2AuthBaseUrl: oauth.authUri },
  });
  const apiUrl = config.apiUrl;
  client.transporter.interceptors.request.add({
    resolved: async (options) => {
      options.url = rebase(new URL(options.url), apiUrl);
      return options;
    },
  });
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const state = randomBytes(16).toString('hex');
  const url = client.generateAuthUrl({
    access_type: 'offline',
    prompt: 'consent',
    scope: scopes,
    state,
    code_challenge: codeChallenge as string,
    code_challenge_method: CodeChallengeMethod.S256,
  });
  say(`Sign in to Google Drive (scope: ${scopes.join(' ')}). Open this URL in a browser:\n\n${url}\n`);
  say(`Waiting for the redirect to ${redirectUri} ...`);
  if (process.stderr.isTTY && !env.CI) openBrowser(url);

  try {
    const code = await waitForCode(server, state);
    const { tokens } = await client.getToken({ code, codeVerifier, redirect_uri: redirectUri });
    await saveToken(paths.credentials, tokens);
    say(`Signed in. The token is saved to ${paths.credentials} (mode 0600).`);
    return 0;
  } finally {
    server.close();
  }
}

/** Resolves with the code of the first callback whose state matches; others get a 400. */
function waitForCode(server: http.Server, state: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no sign-in within 5 minutes; run auth again')), WAIT_MS);
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const reply = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(body);
      };
      if (url.pathname !== '/oauth2callback') return reply(404, 'Not found');
      if (url.searchParams.get('state') !== state)
        return reply(400, 'State mismatch: this redirect is not from the sign-in this command started.');
      const error = url.searchParams.get('error');
      const code = url.searchParams.get('code');
      clearTimeout(timer);
      if (error || !code) {
        reply(400, `Sign-in failed: ${error ?? 'no code'}`);
        return reject(new Error(`Google refused the sign-in: ${error ?? 'no code in the redirect'}`));
      }
      reply(200, 'Signed in to Google Drive. You can close this tab.');
      resolve(code);
    });
  });
}

function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer.exe' : 'xdg-open';
  try {
    spawn(command, [url], { stdio: 'ignore', detached: true })
      .on('error', () => {})
      .unref();
  } catch {
    // No browser here: the URL is on stderr.
  }
}

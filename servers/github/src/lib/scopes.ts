import type { Logger } from '@bastion-mcp/runtime';
import type { GithubHost } from './host.js';

/**
 * Classic personal access tokens (and OAuth apps) name their scopes in `X-OAuth-Scopes`; a tool
 * whose calls would all fail for lack of a scope is hidden from tools/list. Any one of the listed
 * scopes suffices (a broader scope implies the narrower ones, see IMPLIED).
 */
const NEEDS: Record<string, string[]> = {
  get_teams: ['read:org'],
  get_team_members: ['read:org'],
  list_issue_types: ['read:org'],
  actions_run_trigger: ['repo', 'workflow'],
  list_notifications: ['notifications', 'repo'],
  dismiss_notification: ['notifications', 'repo'],
  create_gist: ['gist'],
  update_gist: ['gist'],
  list_code_scanning_alerts: ['security_events', 'public_repo'],
  get_code_scanning_alert: ['security_events', 'public_repo'],
  list_dependabot_alerts: ['security_events', 'public_repo'],
  get_dependabot_alert: ['security_events', 'public_repo'],
};

/** Write tools on repositories need repo (or public_repo for public ones). */
const REPO_WRITE = ['repo', 'public_repo'];

const IMPLIED: Record<string, string[]> = {
  repo: ['public_repo', 'repo:status', 'repo_deployment', 'repo:invite', 'security_events', 'read:org'],
  'admin:org': ['write:org', 'read:org'],
  'write:org': ['read:org'],
  workflow: [],
};

export function grantedScopes(header: string): Set<string> {
  const granted = new Set(
    header
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const scope of [...granted]) for (const implied of IMPLIED[scope] ?? []) granted.add(implied);
  return granted;
}

/** The tools (by name and kind) the granted scopes cannot use, with the scopes each would need. */
export function unusableTools(
  tools: readonly { name: string; kind: string }[],
  granted: Set<string>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const tool of tools) {
    const needs = NEEDS[tool.name] ?? (tool.kind === 'read' ? [] : REPO_WRITE);
    if (needs.length && !needs.some((s) => granted.has(s))) out.set(tool.name, needs);
  }
  return out;
}

/**
 * Reads the token's scopes once, in the background, after the client initialised (or at the
 * first tools/list); tools/list waits for it at most `waitMs`. Fine-grained tokens and GitHub
 * Apps send no X-OAuth-Scopes, and an unreachable host gives no answer: nothing is hidden then.
 */
export class ScopeProbe {
  private result?: Promise<Set<string> | undefined>;

  constructor(
    private readonly target: { host: GithubHost; token: string; userAgent: string } | undefined,
    private readonly tools: readonly { name: string; kind: string }[],
    private readonly log: Logger,
  ) {}

  start(): void {
    this.result ??= this.read();
  }

  private async read(): Promise<Set<string> | undefined> {
    if (!this.target) return undefined;
    try {
      const header = await scopesHeader(this.target);
      if (header === undefined) return undefined;
      const hidden = unusableTools(this.tools, grantedScopes(header));
      for (const [name, needs] of hidden)
        this.log.info(`hiding ${name}: the token's scopes (${header || 'none'}) lack ${needs.join(' or ')}`);
      return new Set(hidden.keys());
    } catch (error) {
      this.log.info(
        `token scopes unknown (${error instanceof Error ? error.message : error}); hiding nothing`,
      );
      return undefined;
    }
  }

  /** The tools to hide, waiting at most `waitMs` for the probe. */
  async hidden(waitMs: number): Promise<ReadonlySet<string>> {
    this.start();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    const found = await Promise.race([this.result, late]);
    clearTimeout(timer);
    return found ?? new Set();
  }
}

/**
 * GET /user with node:http(s) rather than Octokit, so a start does not load Octokit just to read
 * one header (about 35 ms of a cold start). Undefined when the answer carries no X-OAuth-Scopes.
 */
async function scopesHeader({
  host,
  token,
  userAgent,
}: {
  host: GithubHost;
  token: string;
  userAgent: string;
}): Promise<string | undefined> {
  const url = new URL(`${host.rest}/user`);
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        headers: {
          authorization: `token ${token}`,
          'user-agent': userAgent,
          accept: 'application/vnd.github+json',
        },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        const header = res.headers['x-oauth-scopes'];
        if (res.statusCode !== 200) reject(new Error(`GitHub answered ${res.statusCode}`));
        else resolve(typeof header === 'string' ? header : undefined);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

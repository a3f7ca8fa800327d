import { accessDenied, ConfigError, invalidInput } from '@bastion-mcp/runtime';

/**
 * The --repos confinement: a pure rule, checked before any request leaves the server. GitHub
 * treats owner and repository names case-insensitively, so the rule does too.
 */
export interface RepoRule {
  owner: string;
  /** `*` for every repository of the owner. */
  name: string;
}

const OWNER = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/i;
const REPO = /^[a-z0-9._-]{1,100}$/i;

export const isOwnerName = (value: string) => OWNER.test(value);
export const isRepoName = (value: string) => REPO.test(value) && value !== '.' && value !== '..';

export function parseRepoRules(entries: readonly string[]): RepoRule[] {
  return entries.map((entry) => {
    const [owner, name, extra] = entry.trim().split('/');
    if (
      extra !== undefined ||
      !owner ||
      !name ||
      !isOwnerName(owner) ||
      !(name === '*' || isRepoName(name))
    ) {
      throw new ConfigError(`--repos: "${entry}" is not owner/name or owner/* (e.g. acme/api,acme/*)`);
    }
    return { owner: owner.toLowerCase(), name: name.toLowerCase() };
  });
}

/** A scoping qualifier anywhere in a token (quotes removed), e.g. `(repo:x/y` or `"org":x`. */
const SCOPING = /(?<![a-z0-9_])(repo|org|user|owner):([^\s]*)/gi;

export class RepoPolicy {
  readonly rules: readonly RepoRule[];

  constructor(entries: readonly string[] = []) {
    this.rules = parseRepoRules(entries);
  }

  /** True when --repos was given. */
  get restricted(): boolean {
    return this.rules.length > 0;
  }

  allows(owner: string, repo: string): boolean {
    if (!this.restricted) return true;
    const o = owner.toLowerCase();
    const r = repo.toLowerCase();
    return this.rules.some((rule) => rule.owner === o && (rule.name === '*' || rule.name === r));
  }

  /** Every repository of `owner` is allowed (an `owner/*` rule). */
  allowsOwner(owner: string): boolean {
    if (!this.restricted) return true;
    return this.rules.some((rule) => rule.owner === owner.toLowerCase() && rule.name === '*');
  }

  /** Some entry (`owner/name` or `owner/*`) names `owner`: its org-level data may be read. */
  listsOwner(owner: string): boolean {
    if (!this.restricted) return true;
    return this.rules.some((rule) => rule.owner === owner.toLowerCase());
  }

  /** Org-level reads (teams, issue types) under --repos: the owner must appear in the list. */
  checkOwner(owner: string, what: string): void {
    if (!isOwnerName(owner)) throw invalidInput(`"${owner}" is not a GitHub user or organisation name.`);
    if (!this.listsOwner(owner)) {
      throw accessDenied(
        `${what} of ${owner}: no repository of ${owner} is in --repos ${this.describe()}.`,
        'Ask about an owner whose repositories this server may use.',
      );
    }
  }

  /** Throws access_denied unless owner/repo is inside --repos; `why` names what pointed there. */
  check(owner: string, repo: string, why = 'the repository'): void {
    if (!isOwnerName(owner))
      throw invalidInput(`owner "${owner}" is not a GitHub user or organisation name.`);
    if (!isRepoName(repo)) throw invalidInput(`repo "${repo}" is not a GitHub repository name.`);
    if (!this.allows(owner, repo)) {
      throw accessDenied(
        `${why} ${owner}/${repo} is outside the repositories this server may use (--repos ${this.describe()}).`,
        'Use one of the allowed repositories; the list is set by the operator with --repos.',
      );
    }
  }

  describe(): string {
    return this.rules.map((r) => `${r.owner}/${r.name}`).join(',');
  }

  /**
   * Confines a search query: qualifiers naming repositories, organisations or users must stay
   * inside --repos; a query with none gets one `repo:`/`user:` qualifier per rule. Quotes are
   * ignored when spotting qualifiers, so `"repo":x` or `repo:"x"` cannot slip past.
   */
  confineQuery(query: string): string {
    if (!this.restricted) return query;
    let scoped = false;
    for (const token of tokens(query)) {
      // Quotes both removed (`"repo":x`) and read as separators (`"a"repo:x`).
      const bare = token.replace(/["'`]/g, '');
      const spaced = token.replace(/["'`]/g, ' ');
      for (const match of [...bare.matchAll(SCOPING), ...spaced.matchAll(SCOPING)]) {
        const key = (match[1] as string).toLowerCase();
        const value = (match[2] as string).replace(/\)+$/, '');
        // `-repo:x` only narrows; it never reaches another repository.
        if (match.index === 1 && match.input.startsWith('-')) continue;
        const [o, r, extra] = value.split('/');
        const inside =
          key === 'repo' ? extra === undefined && !!o && !!r && this.allows(o, r) : this.allowsOwner(value);
        if (!inside) {
          throw accessDenied(
            `the query names ${key}:${value}, outside the repositories this server may use (--repos ${this.describe()}).`,
            'Drop that qualifier: searches are confined to the allowed repositories automatically.',
          );
        }
        scoped = true;
      }
    }
    if (scoped) return query;
    const qualifiers = this.rules.map((r) =>
      r.name === '*' ? `user:${r.owner}` : `repo:${r.owner}/${r.name}`,
    );
    return `${query.trim()} ${qualifiers.join(' ')}`.trim();
  }
}

/** Whitespace-separated tokens, with a quoted run (spaces included) kept inside one token. */
export function tokens(query: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote = '';
  for (const ch of query) {
    if (quote) {
      current += ch;
      if (ch === quote) quote = '';
    } else if (ch === '"') {
      current += ch;
      quote = ch;
    } else if (/\s/.test(ch)) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

/** Reads `owner/repo` from a repository's full name or a GitHub URL (API or web). */
export function repoOfUrl(url: string): { owner: string; repo: string } | undefined {
  const match = /\/repos\/([^/]+)\/([^/?#]+)/.exec(url) ?? /^https?:\/\/[^/]+\/([^/]+)\/([^/?#]+)/.exec(url);
  return match ? { owner: match[1] as string, repo: match[2] as string } : undefined;
}

import { ConfigError, type ToolError } from '@bastion-mcp/runtime';
import { describe, expect, it } from 'vitest';
import { RepoPolicy, repoOfUrl, tokens } from '../src/lib/policy.js';

const policy = new RepoPolicy(['acme/api', 'Acme/Web', 'tools/*']);

describe('--repos matching', () => {
  it.each([
    ['acme', 'api', true],
    ['ACME', 'API', true],
    ['acme', 'web', true],
    ['tools', 'anything', true],
    ['TOOLS', 'x.y-z_1', true],
    ['acme', 'secret', false],
    ['acme', 'api2', false],
    ['acme', 'ap', false],
    ['acm', 'api', false],
    ['evil', 'api', false],
    ['tools-evil', 'x', false],
  ])('%s/%s -> %s', (owner, repo, allowed) => {
    expect(policy.allows(owner, repo)).toBe(allowed);
  });

  it('allows everything when no list is given', () => {
    const open = new RepoPolicy([]);
    expect(open.restricted).toBe(false);
    expect(open.allows('anyone', 'anything')).toBe(true);
    expect(open.confineQuery('crash repo:x/y')).toBe('crash repo:x/y');
  });

  it('owner/* grants the owner, a single repo does not', () => {
    expect(policy.allowsOwner('tools')).toBe(true);
    expect(policy.allowsOwner('acme')).toBe(false);
  });

  it.each([
    'acme',
    'acme/api/x',
    '/api',
    'acme/',
    '-acme/api',
    'acme/..',
    'ac me/api',
    'acme/*/x',
    'https://github.com/acme/api',
  ])('rejects the entry %j at start-up', (entry) => {
    expect(() => new RepoPolicy([entry])).toThrow(ConfigError);
  });

  it('check() refuses malformed names and foreign repositories with access_denied before anything is sent', () => {
    expect(() => policy.check('acme', 'api')).not.toThrow();
    const err = (() => {
      try {
        policy.check('evil', 'loot', 'the fork target');
      } catch (e) {
        return e as ToolError;
      }
    })();
    expect(err?.kind).toBe('access_denied');
    expect(err?.message).toMatch(/the fork target evil\/loot is outside/);
    expect(() => policy.check('acme', '../secret')).toThrow(/not a GitHub repository name/);
    expect(() => policy.check('https://github.com/evil', 'x')).toThrow(/not a GitHub user/);
    expect(() => policy.check('acme', '.')).toThrow(/not a GitHub repository name/);
  });
});

describe('search confinement', () => {
  it('adds one qualifier per rule to an unscoped query', () => {
    expect(policy.confineQuery('crash is:open')).toBe('crash is:open repo:acme/api repo:acme/web user:tools');
  });

  it.each([
    'crash repo:acme/api',
    'crash REPO:ACME/API',
    'crash repo:tools/x',
    'crash user:tools',
    'crash org:tools',
    '(repo:acme/api OR repo:acme/web) crash',
    'crash -repo:evil/loot repo:acme/api',
  ])('keeps an in-policy scoped query as is: %s', (q) => {
    expect(policy.confineQuery(q)).toBe(q);
  });

  it.each([
    'crash repo:evil/loot',
    'crash org:acme',
    'crash user:evil',
    'crash owner:evil',
    'crash repo:"evil/loot"',
    'crash "repo":evil/loot',
    'crash repo:evil/loot repo:acme/api',
    '(repo:evil/loot)',
    'NOT repo:evil/loot',
    'crash "phrase"repo:evil/loot',
    'crash\trepo:evil/loot',
    'crash\nuser:evil',
    'crash repo:acme/api/../evil',
    'crash repo:acme',
  ])('refuses a query that names a foreign scope: %j', (q) => {
    expect(() => policy.confineQuery(q)).toThrow(/outside the repositories/);
  });

  it('a negated foreign qualifier only narrows, so the allowed scope is still added', () => {
    expect(policy.confineQuery('crash -repo:evil/loot')).toBe(
      'crash -repo:evil/loot repo:acme/api repo:acme/web user:tools',
    );
  });

  it('tokens keep quoted runs together', () => {
    expect(tokens('a "b c" d\t"e')).toEqual(['a', '"b c"', 'd', '"e']);
  });

  it('reads owner/repo from API and web URLs', () => {
    expect(repoOfUrl('https://api.github.com/repos/acme/api')).toEqual({ owner: 'acme', repo: 'api' });
    expect(repoOfUrl('http://127.0.0.1:5/api/v3/repos/acme/web/issues/1')).toEqual({
      owner: 'acme',
      repo: 'web',
    });
    expect(repoOfUrl('https://github.com/acme/api/pull/3')).toEqual({ owner: 'acme', repo: 'api' });
  });
});

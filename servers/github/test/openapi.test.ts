import { describe, expect, it } from 'vitest';
import { routes } from './fake/index.mjs';
import { session } from './helpers.js';
import { loadDescription } from './openapi.js';
import { argsOf, TOUR } from './tour.js';

/** Endpoints newer than GHES 3.19 (sub-issues and their parent, issue types). */
const GHES_MISSING = [
  '/sub_issues',
  '/sub_issue',
  '/sub_issues/priority',
  '/parent',
  '/orgs/{org}/issue-types',
];

describe("the fake's answers match GitHub's OpenAPI descriptions", () => {
  it('every answer of a tour of every tool validates against api.github.com and GHES 3.19', async () => {
    const s = await session(['--toolsets', 'all']);
    try {
      for (const [name, args] of TOUR) {
        const { isError, text } = await s.call(name, argsOf(args, s.fake));
        expect(isError, `${name}: ${text}`).toBe(false);
      }
      // Error answers too: a 404, a 422, a 401.
      await s.call('issue_read', { owner: 'acme', repo: 'api', issue_number: 999 });
      // --lockdown's permission check, on the same fake.
      const locked = await session(['--lockdown'], { fake: s.fake });
      await locked.call('issue_read', {
        method: 'get_comments',
        owner: 'acme',
        repo: 'api',
        issue_number: 1,
      });
      await locked.close();
      const served = s.fake.responses.filter((r) => r.template !== 'graphql');
      expect(served.length).toBeGreaterThan(TOUR.length);
      // Every route the fake serves answered at least once, so every shape it can serve is checked.
      const seen = new Set(served.map((r) => `${r.method} ${r.template}`));
      expect(routes.map((r) => `${r.method} ${r.template}`).filter((r) => !seen.has(r))).toEqual([]);
      const dotcom = loadDescription('api.github.com.json');
      expect(served.map((r) => dotcom.check(r)).filter(Boolean)).toEqual([]);
      // GHES 3.19 lacks a few newer endpoints (sub-issues); those are named here so the list
      // cannot grow unnoticed, and everything else must validate.
      const ghes = loadDescription('ghes-3.19.json');
      const problems = [...new Set(served.map((r) => ghes.check(r)).filter(Boolean))];
      const missing = problems.filter((p) => p?.endsWith('is not in ghes-3.19.json'));
      expect(problems.filter((p) => !missing.includes(p))).toEqual([]);
      expect(missing.filter((p) => !GHES_MISSING.some((t) => p?.includes(`${t} is not`)))).toEqual([]);
    } finally {
      await s.close();
    }
  }, 120_000);
});

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, getVariableValues, type OperationDefinitionNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { session } from './helpers.js';
import { argsOf, TOUR } from './tour.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** GitHub's published GraphQL schema (@octokit/graphql-schema; its SDL repeats two fields, hence assumeValidSDL). */
function githubSchema() {
  // The package exports no subpath for its SDL file; it sits in the package's directory.
  const file = path.resolve(here, '../node_modules/@octokit/graphql-schema/schema.graphql');
  return buildSchema(fs.readFileSync(file, 'utf8'), { assumeValidSDL: true });
}

describe("the server's GraphQL matches GitHub's schema", () => {
  it('every document the tour sends validates, and its variables coerce to the declared types', async () => {
    const s = await session(['--toolsets', 'all']);
    try {
      for (const [name, args] of TOUR) await s.call(name, argsOf(args, s.fake));
    } finally {
      await s.close();
    }
    const sent = s.fake.graphqlLog;
    expect(new Set(sent.map((b) => /^\s*\w+\s+(\w+)/.exec(b.query)?.[1]))).toEqual(
      new Set([
        'AddReviewThread',
        'ConvertToDraft',
        'MarkReady',
        'PullThreads',
        'ResolveReviewThread',
        'UnresolveReviewThread',
        'ListDiscussionCategories',
        'ListDiscussions',
        'GetDiscussion',
        'GetDiscussionComments',
        'UserTeams',
      ]),
    );
    const schema = githubSchema();
    for (const { query, variables } of sent) {
      const document = parse(query);
      expect(validate(schema, document).map(String), query).toEqual([]);
      const operation = document.definitions[0] as OperationDefinitionNode;
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
      expect(coerced.errors?.map(String) ?? [], query).toEqual([]);
    }
  }, 120_000);
});

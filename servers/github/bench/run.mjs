#!/usr/bin/env node
// pnpm bench (github): output economy of our answers against the raw REST JSON the reference
// @modelcontextprotocol/server-github returns (it answers JSON.stringify(data, null, 2) of the REST
// response and hard-codes api.github.com, so its answers are rebuilt here from the same REST calls),
// call overhead against a direct @octokit/rest call, and cold start against the reference filesystem
// server. Everything runs against the local fake GitHub (test/fake), in one run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  coldStartRows,
  enduranceRows,
  median,
  printTable,
  referenceFilesystemBin,
  startServer,
} from '@bastion-mcp/runtime/bench';
import { Octokit } from '@octokit/rest';
import { defaultSeed, startFake, TOKENS } from '../test/fake/index.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ours = path.resolve(here, '../dist/index.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const CALLS = 300;

/** The default world plus bulk: 40 commits, an issue with 50 comments, 35 repositories. */
function benchSeed() {
  const seed = defaultSeed();
  const api = seed.repos.find((r) => r.name === 'api');
  api.history.push(
    ...Array.from({ length: 40 }, (_, i) => ({
      message: `Commit ${i + 1}: adjust the handler for case ${i}\n\nLonger explanation of the change.`,
      files: { [`src/c${i}.ts`]: `export const c = ${i};\n` },
    })),
  );
  api.issues.push({
    title: 'A long discussion',
    body: 'Many people have opinions about this.\n\nPlease read them all.',
    author: 'bob',
    comments: Array.from({ length: 50 }, (_, i) => ({
      body: `Comment ${i + 1}: I think we should consider option ${i % 3}. It has trade-offs.`,
      author: i % 2 ? 'alice' : 'bob',
    })),
  });
  for (let i = 1; i <= 35; i++)
    seed.repos.push({
      owner: 'acme',
      name: `service-${i}`,
      description: `Service number ${i} of the platform`,
      collaborators: { alice: 'admin' },
    });
  return seed;
}

const fake = await startFake(benchSeed());
const env = { ...process.env, GITHUB_PERSONAL_ACCESS_TOKEN: TOKENS.alice, GITHUB_LOG_LEVEL: 'warn' };
const args = ['--host', fake.origin];
const octokit = new Octokit({ baseUrl: `${fake.origin}/api/v3`, auth: TOKENS.alice });
const pretty = (data) => JSON.stringify(data, null, 2).length;
const longIssue = fake.state.repo('acme', 'api').issues.at(-1).number;
const bigPull = fake.state.repo('acme', 'api').pulls.find((p) => p.files.length >= 100).number;

const server = startServer(ours, args, env);
await server.initialize();
const call = async (name, a) => {
  const message = await server.request('tools/call', { name, arguments: a });
  if (!message.result || message.result.isError)
    throw new Error(`${name} failed: ${JSON.stringify(message).slice(0, 300)}`);
  const text = message.result.content.filter((b) => b.type === 'text').reduce((n, b) => n + b.text.length, 0);
  return { text, whole: JSON.stringify(message.result).length };
};
const sum = (parts) =>
  parts.reduce((a, p) => ({ text: a.text + p.text, whole: a.whole + p.whole }), { text: 0, whole: 0 });

const economy = [
  [
    'list_issues, 30 items',
    () => call('list_issues', { owner: 'acme', repo: 'web', perPage: 30 }),
    async () =>
      pretty((await octokit.rest.issues.listForRepo({ owner: 'acme', repo: 'web', per_page: 30 })).data),
  ],
  [
    'issue_read get + 50 comments',
    async () =>
      sum([
        await call('issue_read', { owner: 'acme', repo: 'api', issue_number: longIssue }),
        await call('issue_read', {
          method: 'get_comments',
          owner: 'acme',
          repo: 'api',
          issue_number: longIssue,
          perPage: 50,
        }),
      ]),
    async () =>
      pretty((await octokit.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: longIssue })).data) +
      pretty(
        (
          await octokit.rest.issues.listComments({
            owner: 'acme',
            repo: 'api',
            issue_number: longIssue,
            per_page: 50,
          })
        ).data,
      ),
  ],
  [
    'pull_request_read get_files, 100 files',
    () =>
      call('pull_request_read', {
        method: 'get_files',
        owner: 'acme',
        repo: 'api',
        pullNumber: bigPull,
        perPage: 100,
      }),
    async () =>
      pretty(
        (
          await octokit.rest.pulls.listFiles({
            owner: 'acme',
            repo: 'api',
            pull_number: bigPull,
            per_page: 100,
          })
        ).data,
      ),
  ],
  [
    'list_commits, 30',
    () => call('list_commits', { owner: 'acme', repo: 'api', perPage: 30 }),
    async () =>
      pretty((await octokit.rest.repos.listCommits({ owner: 'acme', repo: 'api', per_page: 30 })).data),
  ],
  [
    'search_repositories, 30',
    () => call('search_repositories', { query: 'service', perPage: 30 }),
    async () => pretty((await octokit.rest.search.repos({ q: 'service', per_page: 30 })).data),
  ],
];

const rows = [];
const wholeRows = [];
for (const [measure, ourCall, theirs] of economy) {
  const a = await ourCall();
  const b = await theirs();
  rows.push({
    measure: `${measure} (chars)`,
    ours: String(a.text),
    theirs: String(b),
    ratio: `${(a.text / b).toFixed(2)}x`,
    target: '<= 0.25x',
    ok: a.text / b <= 0.25,
  });
  wholeRows.push({
    measure: `${measure} (whole result JSON)`,
    ours: String(a.whole),
    theirs: String(b),
    ratio: `${(a.whole / b).toFixed(2)}x`,
    target: 'report',
    ok: true,
  });
}

// Overhead: issue_read get through the server over stdio vs the same REST call with Octokit.
const through = [];
const direct = [];
for (let i = 0; i < 20; i++) {
  await call('issue_read', { owner: 'acme', repo: 'api', issue_number: 1 });
  await octokit.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 });
}
for (let i = 0; i < CALLS; i++) {
  let t = performance.now();
  await call('issue_read', { owner: 'acme', repo: 'api', issue_number: 1 });
  through.push(performance.now() - t);
  t = performance.now();
  await octokit.rest.issues.get({ owner: 'acme', repo: 'api', issue_number: 1 });
  direct.push(performance.now() - t);
}
await server.stop();
const [p50Ours, p50Direct] = [median(through), median(direct)];
const limit = 1.3 * p50Direct + 2;
rows.push({
  measure: 'issue_read p50 vs direct Octokit',
  ours: `${p50Ours.toFixed(2)} ms`,
  theirs: `${p50Direct.toFixed(2)} ms`,
  ratio: `${(p50Ours / p50Direct).toFixed(2)}x`,
  target: `<= 1.3x + 2 ms (${limit.toFixed(2)} ms)`,
  ok: p50Ours <= limit,
});

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bastion-bench-github-'));
try {
  process.env.GITHUB_PERSONAL_ACCESS_TOKEN = TOKENS.alice;
  rows.push(
    ...(await coldStartRows(ours, referenceFilesystemBin(), args, { runs: RUNS, theirArgs: [scratch] })),
  );
  rows.push(
    ...(await enduranceRows({
      bin: ours,
      args,
      env,
      tool: 'get_me',
      toolArgs: {},
      check: (result) => JSON.stringify(result).includes('alice'),
    })),
  );
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
  await fake.close();
}

printTable([...rows, ...wholeRows]);
process.exit(rows.every((r) => r.ok) ? 0 : 1);

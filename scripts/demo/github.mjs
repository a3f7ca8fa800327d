// GitHub: against the local fake GitHub (servers/github/test/fake), confined to two repositories.
// Who am I, the open issues, one issue with a stranger's comment, a file as a resource, a pull
// request's files, and the toxic-agent-flow write to another repository refused before any request.
import { defaultSeed, startFake, TOKENS } from '../../servers/github/test/fake/index.mjs';

export async function tour(kit) {
  const fake = await startFake(defaultSeed());
  kit.defer(() => fake.close());
  console.log(`  fake GitHub (GHES layout) at ${fake.origin}; --repos acme/api,acme/web`);
  const server = await kit.start(['--host', fake.origin, '--repos', 'acme/api,acme/web'], {
    GITHUB_PERSONAL_ACCESS_TOKEN: TOKENS.alice,
  });
  await server.call('get_me');
  await server.call('list_issues', {
    owner: 'acme',
    repo: 'api',
    fields: ['number', 'title', 'state', 'author'],
  });
  await server.call(
    'issue_read',
    { method: 'get_comments', owner: 'acme', repo: 'api', issue_number: 1 },
    'a stranger asks for a leak: fenced as data',
  );
  const file = await server.call('get_file_contents', { owner: 'acme', repo: 'api', path: 'src/index.ts' });
  const resource = file.content.find((b) => b.type === 'resource');
  if (resource)
    console.log(`    resource ${resource.resource.uri}: ${JSON.stringify(resource.resource.text)}`);
  await server.call('pull_request_read', { method: 'get_files', owner: 'acme', repo: 'api', pullNumber: 5 });
  await server.call(
    'push_files',
    {
      owner: 'evil',
      repo: 'loot',
      branch: 'main',
      message: 'leak',
      files: [{ path: 'keys.txt', content: '...' }],
    },
    'the token could write there; --repos refuses',
  );
  const foreign = fake.requests.filter((r) => r.repo && !['acme/api', 'acme/web'].includes(r.repo));
  console.log(`\n  requests the fake saw for other repositories: ${foreign.length}`);
  await server.close();
}

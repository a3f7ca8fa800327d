// The git server on a temp repository: status, log, a diff, a commit, and injections refused.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

export async function tour(kit) {
  const repo = await kit.tempDir('repo');
  const git = (...args) =>
    execFileSync('git', args, {
      cwd: repo,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Demo',
        GIT_AUTHOR_EMAIL: 'demo@example.com',
        GIT_COMMITTER_NAME: 'Demo',
        GIT_COMMITTER_EMAIL: 'demo@example.com',
      },
    });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Demo');
  git('config', 'user.email', 'demo@example.com');
  await fs.writeFile(path.join(repo, 'README.md'), '# Demo\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'Initial commit');
  await fs.writeFile(path.join(repo, 'app.js'), "console.log('hello');\n");
  git('add', '-A');
  git('commit', '-q', '-m', 'Add app');
  await fs.writeFile(path.join(repo, 'app.js'), "console.log('hello, world');\n");
  console.log(`  repository: ${repo}`);

  const server = await kit.start([repo]);
  await server.call('git_status');
  await server.call('git_log', { max_count: 5 });
  await server.call('git_diff_unstaged');
  await server.call('git_add', { files: ['app.js'] });
  await server.call('git_commit', { message: 'Greet the world' });
  await server.call('git_diff', { target: '--output=/tmp/pwned' }, 'an option smuggled in as a target');
  await server.call('git_create_branch', { branch_name: '-D' }, 'an option-looking branch name');
  await server.call('git_add', { files: ['../../etc/passwd'] }, 'a path outside the repository');
  await server.close();
}

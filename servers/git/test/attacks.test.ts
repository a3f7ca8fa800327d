import type { TestClient } from '@bastion-mcp/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttackWorld, attackWorld, everything } from './attack-world.js';
import { gitClient, gitServer } from './helpers.js';

/** The attack corpus, tool by tool: each call is refused and changes nothing anywhere. */
let w: AttackWorld;
let client: TestClient;
beforeAll(async () => {
  w = await attackWorld();
  client = await gitClient(['--toolsets', 'all', '--allow-force-push', w.root]);
});
afterAll(() => client.close());

type Case = [what: string, tool: string, args: () => Record<string, unknown>, refusal: RegExp];
const INVALID = /^\[invalid_input\]/;
const DENIED = /^\[access_denied\]/;
const pwn = () => `touch ${w.canary}/pwned`;
const out = () => `--output=${w.canary}/out`;
/** A call on the repository inside, confirmed (so a refusal is never just the missing confirm). */
const a = (args: () => Record<string, unknown>) => () => ({ repo_path: w.app, confirm: true, ...args() });

const CORPUS: Case[] = [
  ['--output= as a diff target', 'git_diff', a(() => ({ target: out() })), INVALID],
  ['--output= inside a range', 'git_diff', a(() => ({ target: `HEAD..${out()}` })), INVALID],
  ['--output= as a show revision', 'git_show', a(() => ({ revision: out() })), INVALID],
  ['--output= as a log revision', 'git_log', a(() => ({ revision: out() })), INVALID],
  [
    '--output= as a show_file revision',
    'git_show_file',
    a(() => ({ path: 'README.md', revision: out() })),
    INVALID,
  ],
  ['--output= as a blame revision', 'git_blame', a(() => ({ path: 'README.md', revision: out() })), INVALID],
  ['-O<pager> as a grep revision', 'git_grep', a(() => ({ pattern: 'a', revision: `-O${pwn()}` })), INVALID],
  ['an option as a branch name', 'git_create_branch', a(() => ({ branch_name: '--force' })), INVALID],
  [
    'an option as a base',
    'git_create_branch',
    a(() => ({ branch_name: 'x', base_branch: '--orphan' })),
    INVALID,
  ],
  [
    '-c sshCommand as a base',
    'git_create_branch',
    a(() => ({ branch_name: 'x', base_branch: `-c core.sshCommand=${pwn()}` })),
    INVALID,
  ],
  ['an option to checkout', 'git_checkout', a(() => ({ branch_name: '--detach' })), INVALID],
  ['an option to delete', 'git_delete_branch', a(() => ({ branch_name: '-D' })), INVALID],
  ['an option to merge', 'git_merge', a(() => ({ branch: '--no-verify' })), INVALID],
  ['an option as contains', 'git_branch', a(() => ({ contains: out() })), INVALID],
  ['an option as not_contains', 'git_branch', a(() => ({ not_contains: '-a' })), INVALID],
  ['an option as a tag name', 'git_create_tag', a(() => ({ name: '-d' })), INVALID],
  ['an option as a tag revision', 'git_create_tag', a(() => ({ name: 'v9', revision: out() })), INVALID],
  ['an option as tag contains', 'git_tag', a(() => ({ contains: '--sort=x' })), INVALID],
  ['an option as a reset target', 'git_reset_hard', a(() => ({ target: '--merge' })), INVALID],
  [
    'an option as a restore source',
    'git_restore',
    a(() => ({ paths: ['.'], source: '--worktree' })),
    INVALID,
  ],
  ['an option as a fetch branch', 'git_fetch', a(() => ({ branch: '--prune' })), INVALID],
  ['an option as a pull branch', 'git_pull', a(() => ({ branch: '--rebase' })), INVALID],
  ['an option as a push branch', 'git_push', a(() => ({ branch: '--delete' })), INVALID],
  ['--upload-pack= as a fetch remote', 'git_fetch', a(() => ({ remote: `--upload-pack=${pwn()}` })), INVALID],
  [
    '-c sshCommand as a pull remote',
    'git_pull',
    a(() => ({ remote: `-c core.sshCommand=${pwn()}` })),
    INVALID,
  ],
  ['--receive-pack= as a push remote', 'git_push', a(() => ({ remote: `--receive-pack=${pwn()}` })), INVALID],
  ['--exec= as a push remote', 'git_push', a(() => ({ remote: `--exec=${pwn()}` })), INVALID],
  ['a fetch from a remote outside', 'git_fetch', a(() => ({ remote: 'evil' })), DENIED],
  ['a pull from a remote outside', 'git_pull', a(() => ({ remote: 'evil', branch: 'main' })), DENIED],
  ['a push to a remote outside', 'git_push', a(() => ({ remote: 'evil', force: true })), DENIED],
  ['../ in git_add', 'git_add', a(() => ({ files: ['../../outside/secret.txt'] })), DENIED],
  [
    'an absolute path outside in git_add',
    'git_add',
    a(() => ({ files: [`${w.outside}/secret.txt`] })),
    DENIED,
  ],
  [
    'a sibling-prefix path in git_add',
    'git_add',
    a(() => ({ files: [`${w.root}2/other/README.md`] })),
    DENIED,
  ],
  ['a symlink out in git_add', 'git_add', a(() => ({ files: ['escape/secret.txt'] })), DENIED],
  [
    'a path of the root outside the repo in git_add',
    'git_add',
    a(() => ({ files: ['../origin.git'] })),
    DENIED,
  ],
  ['../ in git_reset', 'git_reset', a(() => ({ files: ['../../outside/secret.txt'] })), DENIED],
  ['../ in git_restore', 'git_restore', a(() => ({ paths: ['../../outside/secret.txt'] })), DENIED],
  [
    'an absolute path outside in git_diff',
    'git_diff',
    a(() => ({ target: 'HEAD', paths: [w.outside] })),
    DENIED,
  ],
  ['a path outside in git_blame', 'git_blame', a(() => ({ path: `${w.outside}/secret.txt` })), DENIED],
  [
    'a path outside in git_show_file',
    'git_show_file',
    a(() => ({ path: `${w.outside}/secret.txt` })),
    DENIED,
  ],
  ['a git_init target outside', 'git_init', () => ({ path: `${w.base}/made-outside` }), DENIED],
  ['a git_init target through ../', 'git_init', () => ({ path: `${w.root}/../made-outside` }), DENIED],
  ['a git_init target in a sibling', 'git_init', () => ({ path: `${w.root}2/made` }), DENIED],
  ['a git_init target through a symlink', 'git_init', () => ({ path: `${w.root}/link/made` }), DENIED],
  [
    'an option as initial_branch',
    'git_init',
    () => ({ path: 'x', initial_branch: '--template=/tmp' }),
    INVALID,
  ],
  [
    'a git_clone target outside',
    'git_clone',
    () => ({ url: `file://${w.origin}`, path: `${w.base}/made-outside` }),
    DENIED,
  ],
  [
    'a git_clone target through a symlink',
    'git_clone',
    () => ({ url: `file://${w.origin}`, path: `${w.root}/link/x` }),
    DENIED,
  ],
  ['an ext:: clone URL', 'git_clone', () => ({ url: `ext::sh -c ${pwn()}`, path: 'x' }), INVALID],
  ['an fd:: clone URL', 'git_clone', () => ({ url: 'fd::0', path: 'x' }), INVALID],
  [
    '--upload-pack= as a clone URL',
    'git_clone',
    () => ({ url: `--upload-pack=${pwn()}`, path: 'x' }),
    INVALID,
  ],
  [
    '-c sshCommand as a clone URL',
    'git_clone',
    () => ({ url: `-c core.sshCommand=${pwn()}`, path: 'x' }),
    INVALID,
  ],
  [
    'an ssh host that is an option',
    'git_clone',
    () => ({ url: 'ssh://-oProxyCommand=x/r', path: 'x' }),
    INVALID,
  ],
  [
    'an option as a clone branch',
    'git_clone',
    () => ({ url: `file://${w.origin}`, path: 'x', branch: '--bare' }),
    INVALID,
  ],
  ['a file:// clone URL outside', 'git_clone', () => ({ url: `file://${w.outsideBare}`, path: 'x' }), DENIED],
  ['a plain clone path outside', 'git_clone', () => ({ url: w.outsideBare, path: 'x' }), DENIED],
  [
    'a clone URL through a symlink out',
    'git_clone',
    () => ({ url: `file://${w.root}/link`, path: 'x' }),
    DENIED,
  ],
];

describe('the attack corpus', () => {
  it('names only registered tools', () => {
    const names = new Set(gitServer(['--toolsets', 'all']).tools.map((t) => t.name));
    for (const [, tool] of CORPUS) expect(names, tool).toContain(tool);
  });

  it.each(CORPUS)('%s (%s) is refused and changes nothing', async (_what, tool, args, refusal) => {
    const before = everything(w);
    expect(client.textOf(await client.call(tool, args()))).toMatch(refusal);
    expect(everything(w)).toEqual(before);
  });
});

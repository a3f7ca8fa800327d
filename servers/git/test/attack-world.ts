import { readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@bastion-mcp/runtime/testing';
import { git, makeRepo } from './helpers.js';
import { repoState } from './remote-fixtures.js';

/** The attack corpus's world: a repository inside the root with its remotes, and what lies outside. */
export interface AttackWorld {
  base: string;
  root: string;
  /** A repository inside root: branch feature, an uncommitted edit, remotes origin (inside) and evil (outside). */
  app: string;
  /** A bare repository inside root. */
  origin: string;
  /** A repository outside root (root/link and app/escape are symlinks to it). */
  outside: string;
  outsideBare: string;
  /** A folder outside root that must stay empty. */
  canary: string;
}

export async function attackWorld(): Promise<AttackWorld> {
  const base = await tempDir();
  const root = path.join(base, 'root');
  const app = await makeRepo([{ 'README.md': '# app\n', 'src/a.txt': 'a\n' }], path.join(root, 'app'));
  git(app, 'branch', 'feature');
  const origin = path.join(root, 'origin.git');
  git(root, 'clone', '-q', '--bare', app, origin);
  git(app, 'remote', 'add', 'origin', `file://${origin}`);
  git(app, 'fetch', '-q', 'origin');
  const outside = await makeRepo([{ 'secret.txt': 'outside secret\n' }], path.join(base, 'outside'));
  const outsideBare = path.join(base, 'outside.git');
  git(base, 'clone', '-q', '--bare', outside, outsideBare);
  git(app, 'remote', 'add', 'evil', `file://${outsideBare}`);
  await makeRepo(undefined, path.join(base, 'root2', 'other'));
  await fs.symlink(outside, path.join(root, 'link'));
  await fs.symlink(outside, path.join(app, 'escape'));
  await fs.writeFile(path.join(app, 'README.md'), '# app, edited\n');
  await fs.mkdir(path.join(base, 'canary'));
  return { base, root, app, origin, outside, outsideBare, canary: path.join(base, 'canary') };
}

/** Everything a refusal must leave as it was: both repositories, the bare ones, the folders, the canary. */
export function everything(w: AttackWorld): unknown {
  return {
    app: repoState(w.app),
    readme: readFileSync(path.join(w.app, 'README.md'), 'utf8'),
    outside: repoState(w.outside),
    bares: [git(w.origin, 'for-each-ref'), git(w.outsideBare, 'for-each-ref')],
    dirs: [readdirSync(w.base), readdirSync(w.root), readdirSync(w.outside)],
    canary: readdirSync(w.canary),
  };
}

import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isWithin } from './paths.js';

/** Realpaths the `file://` roots a client offered; other schemes and missing folders are dropped. */
export async function clientRootPaths(roots: readonly { uri: string }[]): Promise<string[]> {
  const out: string[] = [];
  for (const { uri } of roots) {
    if (!uri.startsWith('file://')) continue;
    try {
      const real = await fs.realpath(fileURLToPath(uri));
      if ((await fs.stat(real)).isDirectory() && !out.includes(real)) out.push(real);
    } catch {
      // A root the client names but this machine lacks cannot grant anything.
    }
  }
  return out;
}

/**
 * Client roots narrow the CLI roots and never widen them: a client root inside a CLI root is kept,
 * a CLI root inside a client root is kept, anything else is dropped. With no CLI roots the client's
 * roots define the set.
 */
export function narrowRoots(cliRoots: readonly string[], clientRoots: readonly string[]): string[] {
  if (cliRoots.length === 0) return [...clientRoots];
  const out: string[] = [];
  const add = (root: string) => {
    if (!out.includes(root)) out.push(root);
  };
  for (const client of clientRoots) {
    for (const cli of cliRoots) {
      if (isWithin(cli, client)) add(client);
      else if (isWithin(client, cli)) add(cli);
    }
  }
  return out;
}

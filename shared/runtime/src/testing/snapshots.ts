import fs from 'node:fs/promises';
import path from 'node:path';
import type { BastionServer } from '../server.js';
import { connect } from './connect.js';

/**
 * Compares each tool (build the server with every toolset on) as a client sees it in tools/list with `<dir>/__toolsnaps__/<name>.snap.json`.
 * A missing snapshot is written locally but is a failure when CI is set; a changed one fails
 * unless UPDATE_TOOLSNAPS=1. Returns the problems; [] means all match.
 */
export async function toolSnapshotProblems(server: BastionServer, dir: string): Promise<string[]> {
  const client = await connect(server);
  const { tools } = await client.client.listTools();
  await client.close();
  const snapDir = path.join(dir, '__toolsnaps__');
  await fs.mkdir(snapDir, { recursive: true });
  const problems: string[] = [];
  const update = process.env.UPDATE_TOOLSNAPS === '1';
  for (const tool of tools) {
    const file = path.join(snapDir, `${tool.name}.snap.json`);
    const actual = `${JSON.stringify(tool, null, 2)}\n`;
    const expected = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (expected === actual) continue;
    if (expected === undefined && process.env.CI) {
      problems.push(`${tool.name}: no snapshot at ${file} (run the tests locally without CI to create it)`);
    } else if (expected === undefined || update) {
      await fs.writeFile(file, actual);
    } else {
      problems.push(`${tool.name}: schema changed; review and rerun with UPDATE_TOOLSNAPS=1 if intended`);
    }
  }
  const listed = new Set(tools.map((t) => `${t.name}.snap.json`));
  for (const file of await fs.readdir(snapDir)) {
    if (listed.has(file)) continue;
    if (update) await fs.rm(path.join(snapDir, file));
    else
      problems.push(
        `${file}: snapshot of a tool the server no longer lists; delete it or rerun with UPDATE_TOOLSNAPS=1`,
      );
  }
  return problems;
}

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inventoryProblems, toolSnapshotProblems } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { pgServer } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const TOOLS = ['describe_table', 'explain', 'list_schemas', 'list_tables', 'query'];

describe('postgres inventory', () => {
  it('has the generated tool table in its README', () => {
    const script = path.resolve(here, '../../../scripts/tool-table.mjs');
    execFileSync(process.execPath, [script, path.resolve(here, '..'), '--check'], { stdio: 'pipe' });
  });

  it('every tool is complete and matches its schema snapshot', async () => {
    const server = pgServer();
    expect(inventoryProblems(server)).toEqual([]);
    expect(await toolSnapshotProblems(server, here)).toEqual([]);
    await server.close();
  });

  it.each([
    ['default', []],
    ['read-only', ['--read-only']],
  ])('exposes every tool, all read-only: %s', async (_label, argv) => {
    const server = pgServer(argv);
    expect(server.tools.map((t) => t.name)).toEqual(TOOLS);
    expect(server.tools.every((t) => t.annotations.readOnlyHint && !t.annotations.destructiveHint)).toBe(
      true,
    );
    await server.close();
  });

  it('honours --tools and --exclude-tools', async () => {
    const only = pgServer(['--tools', 'query']);
    expect(only.tools.map((t) => t.name)).toEqual(['query']);
    const without = pgServer(['--exclude-tools', 'explain']);
    expect(without.tools.map((t) => t.name)).toEqual(TOOLS.filter((t) => t !== 'explain'));
    await Promise.all([only.close(), without.close()]);
  });
});

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '@bastion-mcp/runtime';
import { connect, inventoryProblems, toolSnapshotProblems } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { configSpec, createServer } from '../src/server.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function server(argv: string[] = []) {
  const outcome = parseConfig(configSpec, argv, {});
  if (!('run' in outcome)) throw new Error(outcome.stderr);
  return createServer(outcome.run);
}

const READ = [
  'browser_console_messages',
  'browser_find',
  'browser_get_text',
  'browser_network_requests',
  'browser_snapshot',
  'browser_take_screenshot',
  'browser_wait_for',
];
const WRITE = [
  'browser_click',
  'browser_close',
  'browser_drag',
  'browser_file_upload',
  'browser_fill_form',
  'browser_handle_dialog',
  'browser_hover',
  'browser_navigate',
  'browser_navigate_back',
  'browser_navigate_forward',
  'browser_pdf_save',
  'browser_press_key',
  'browser_reload',
  'browser_resize',
  'browser_select_option',
  'browser_tabs',
  'browser_type',
];

describe('puppeteer inventory', () => {
  it('has the generated tool table in its README', () => {
    const script = path.resolve(here, '../../../scripts/tool-table.mjs');
    execFileSync(process.execPath, [script, path.resolve(here, '..'), '--check'], { stdio: 'pipe' });
  });

  it('every tool is complete, and the schemas match the snapshots', async () => {
    expect(inventoryProblems(server(['--toolsets', 'all']))).toEqual([]);
    expect(await toolSnapshotProblems(server(['--toolsets', 'all']), here)).toEqual([]);
  });

  it.each([
    [[], [...READ, ...WRITE].sort()],
    [['--read-only'], [...READ, 'browser_tabs'].sort()],
    [['--toolsets', 'default,evaluate'], [...READ, ...WRITE, 'browser_evaluate'].sort()],
  ])('exposes exactly the right tools with %j', (argv, names) => {
    expect(server(argv).tools.map((t) => t.name)).toEqual(names);
  });

  it('every tool that touches page content reaches the open world', () => {
    const tools = server(['--toolsets', 'all']).tools;
    for (const name of ['browser_navigate', 'browser_snapshot', 'browser_click', 'browser_evaluate'])
      expect(tools.find((t) => t.name === name)?.annotations.openWorldHint).toBe(true);
  });

  it('refuses a bad origin pattern or viewport at start-up', () => {
    expect(() => server(['--allowed-origins', 'https://a/b/c'])).toThrow(/not an origin/);
    const bad = parseConfig(configSpec, ['--viewport', 'big'], {});
    expect('exit' in bad && bad.exit).toBe(2);
  });

  it("hides the reference's names from tools/list; puppeteer_evaluate answers only with the evaluate toolset", async () => {
    const plain = await connect(server());
    const withEvaluate = await connect(server(['--toolsets', 'default,evaluate']));
    try {
      for (const client of [plain, withEvaluate]) {
        const { tools } = await client.client.listTools();
        expect(tools.filter((t) => t.name.startsWith('puppeteer_'))).toEqual([]);
      }
      const refused = await plain.client
        .callTool({ name: 'puppeteer_evaluate', arguments: { script: '1' } })
        .then(
          (result) => JSON.stringify(result),
          (error: Error) => error.message,
        );
      expect(refused).toMatch(/puppeteer_evaluate/);
      expect(refused).toMatch(/not found|unknown/i);
      // With the toolset on, the alias resolves (it fails later, at the browser, not as unknown).
      const known = withEvaluate.textOf(await withEvaluate.call('puppeteer_evaluate', {}));
      expect(known).toMatch(/exactly one of function or script/);
    } finally {
      await plain.close();
      await withEvaluate.close();
    }
  });

  it('creates no browser and no proxy until a tool is called', () => {
    const s = server();
    expect(s.browser.running).toBe(false);
    expect(s.browser.pid).toBeUndefined();
  });
});

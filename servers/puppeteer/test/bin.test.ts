import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectUrl, runBin, serveHttpBin, spawnBin, tempDir } from '@bastion-mcp/runtime/testing';
import { describe, expect, it } from 'vitest';
import { CHROMIUM } from './helpers.js';
import { useSites } from './site.js';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(pkgDir, 'dist/index.js');
const env = { PUPPETEER_EXECUTABLE_PATH: CHROMIUM, PUPPETEER_NO_SANDBOX: 'true' };

const sites = useSites();

const profiles = async (dir: string) =>
  (await fs.readdir(dir)).filter((f) => f.startsWith('bastion-chrome-'));

describe('the published bin', () => {
  it('starts no browser before a tool call, drives one over stdio, and deletes its profile on exit', async () => {
    const tmp = await tempDir();
    const client = await spawnBin(bin, ['--allowed-origins', sites.site.origin], {
      env: { ...env, TMPDIR: tmp },
    });
    const { tools } = await client.client.listTools();
    expect(tools.map((t) => t.name)).toContain('browser_snapshot');
    expect(await profiles(tmp)).toEqual([]); // initialize and tools/list launched nothing
    const nav = await client.call('browser_navigate', { url: `${sites.site.origin}/` });
    expect(client.textOf(nav)).toMatch(/title "Home"/);
    expect(await profiles(tmp)).toHaveLength(1);
    expect(client.stderr()).toMatch(/--no-sandbox: Chromium runs without its sandbox/); // PUPPETEER_NO_SANDBOX
    await client.close();
    for (let i = 0; i < 50 && (await profiles(tmp)).length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await profiles(tmp)).toEqual([]);
  });

  it('warns at start that an attached browser keeps its own WebRTC policy', async () => {
    const client = await spawnBin(bin, ['--ws-endpoint', 'ws://127.0.0.1:9/devtools/browser/x'], { env });
    try {
      expect(client.stderr()).toMatch(/attached browser: WebRTC \(UDP\).*disable_non_proxied_udp/);
    } finally {
      await client.close();
    }
  });

  it('gives a 2026-era stdio client its console as console://logs (its calls use the shared session)', async () => {
    const client = await spawnBin(bin, ['--allowed-origins', sites.site.origin], { env, era: 'modern' });
    try {
      await client.call('browser_navigate', { url: `${sites.site.origin}/console` });
      let text = '';
      for (let i = 0; i < 30 && !/boom/.test(text); i++) {
        const read = await client.client.readResource({ uri: 'console://logs' });
        text = (read.contents[0] as { text: string }).text;
        if (!/boom/.test(text)) await new Promise((r) => setTimeout(r, 100));
      }
      expect(text).toMatch(/\[error\] boom/);
    } finally {
      await client.close();
    }
  });

  it('writes nothing but JSON-RPC to stdout, whatever the page prints', async () => {
    const child = spawn(process.execPath, [bin, '--allowed-origins', sites.site.origin], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    const waiters = new Map<number, () => void>();
    child.stdout.on('data', (chunk) => {
      out += chunk;
      for (const [id, done] of waiters) if (out.includes(`"id":${id}`)) done();
    });
    const request = (id: number, method: string, params: object) =>
      new Promise<void>((resolve) => {
        waiters.set(id, resolve);
        child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      });
    try {
      const clientInfo = { name: 't', version: '1' };
      await request(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo });
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
      const tool = (name: string, args: object) => ({ name, arguments: args });
      await request(2, 'tools/call', tool('browser_navigate', { url: `${sites.site.origin}/console` }));
      await request(3, 'tools/call', tool('browser_click', { selector: 'button' }));
    } finally {
      child.stdin.end();
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(out).toMatch(/clicked error/); // the page did print, and it came back inside a result
    for (const line of out.split('\n').filter(Boolean)) expect(JSON.parse(line).jsonrpc).toBe('2.0');
  });

  it('lists the same tool schemas as the snapshots', async () => {
    const client = await spawnBin(bin, [], { env });
    const { tools } = await client.client.listTools();
    await client.close();
    for (const tool of tools) {
      const snapshot = JSON.parse(
        await fs.readFile(path.join(pkgDir, 'test/__toolsnaps__', `${tool.name}.snap.json`), 'utf8'),
      );
      expect(tool).toEqual(snapshot);
    }
  });

  it('as root without --no-sandbox, the first call says which flag is missing', async () => {
    if (process.getuid?.() !== 0) return;
    const client = await spawnBin(bin, [], { env: { PUPPETEER_EXECUTABLE_PATH: CHROMIUM } });
    const result = await client.call('browser_snapshot', {});
    expect(result.isError).toBe(true);
    expect(client.textOf(result)).toMatch(/--no-sandbox/);
    await client.close();
  });

  it('says how to install a browser when none is found', async () => {
    const client = await spawnBin(bin, ['--executable-path', '/nonexistent/chrome', '--no-sandbox'], {
      env: {},
    });
    const result = await client.call('browser_snapshot', {});
    expect(client.textOf(result)).toMatch(/\[not_found\] The browser at --executable-path .* does not exist/);
    await client.close();
  });

  it('serves Streamable HTTP', async () => {
    const server = await serveHttpBin(bin, [
      '--allowed-origins',
      sites.site.origin,
      '--no-sandbox',
      '--executable-path',
      CHROMIUM,
    ]);
    try {
      const client = await connectUrl(server.url);
      const nav = await client.call('browser_navigate', { url: `${sites.site.origin}/form` });
      expect(client.textOf(nav)).toMatch(/title "Form"/);
      await client.close();
    } finally {
      server.stop();
    }
  });

  it('rejects bad flags with usage and exit code 2', async () => {
    const { code, stderr } = await runBin(bin, ['--viewport', 'huge']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--viewport.*WIDTHxHEIGHT/);
  });

  it('documents --isolated, and refuses it beside --user-data-dir naming both', async () => {
    const help = await runBin(bin, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--isolated\n\s+A fresh temporary profile, deleted on exit/);
    const { code, stderr } = await runBin(bin, ['--isolated', '--user-data-dir', '/tmp/kept-profile'], env);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--isolated .*contradicts --user-data-dir/);
  });
});

describe('over HTTP, each MCP session has its own browser context', () => {
  it('keeps cookies, storage and tabs of one client invisible to another', async () => {
    const server = await serveHttpBin(bin, [
      '--allowed-origins',
      sites.site.origin,
      '--no-sandbox',
      '--executable-path',
      CHROMIUM,
    ]);
    try {
      const alice = await connectUrl(server.url);
      const bob = await connectUrl(server.url);
      await alice.call('browser_navigate', { url: `${sites.site.origin}/setcookie` });
      await alice.call('browser_tabs', { action: 'new', url: `${sites.site.origin}/form` });
      const aliceSees = await alice.call('browser_navigate', { url: `${sites.site.origin}/showcookie` });
      expect(aliceSees.isError).toBeFalsy();
      expect(alice.textOf(await alice.call('browser_get_text', {}))).toMatch(
        /cookie=\[who=alice\] storage=\[alice\]/,
      );

      await bob.call('browser_navigate', { url: `${sites.site.origin}/showcookie` });
      expect(bob.textOf(await bob.call('browser_get_text', {}))).toMatch(/cookie=\[\] storage=\[\]/);
      const bobTabs = bob.textOf(await bob.call('browser_tabs', { action: 'list' }));
      expect(bobTabs.trim().split('\n')).toHaveLength(1);
      const aliceTabs = alice.textOf(await alice.call('browser_tabs', { action: 'list' }));
      expect(aliceTabs.trim().split('\n')).toHaveLength(2);
      await alice.close();
      await bob.close();
    } finally {
      server.stop();
    }
  });
});

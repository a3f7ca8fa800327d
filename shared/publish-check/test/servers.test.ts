import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { optionDocs, parseConfig } from '@bastion-mcp/runtime';
import { describe, expect, it } from 'vitest';
import { serverJsonSchema } from '../src/registry-schema.js';
import { configSpecOf, draftServerJson, inServerJson, repoRoot, serverPackages } from '../src/servers.js';

const servers = serverPackages();
const rootLicense = fs.readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8');

it('finds the servers', () => {
  expect(servers.map((s) => s.name)).toEqual(
    expect.arrayContaining(['filesystem', 'git', 'postgres', 'template']),
  );
});

describe.each(servers.map((s) => [s.name, s] as const))('%s is ready to publish', (name, server) => {
  const { pkg } = server;

  it('has the package.json fields a published package carries', () => {
    expect(pkg.name).toBe(`@bastion-mcp/server-${name}`);
    expect(pkg.license).toBe('MIT');
    expect(pkg.bin).toEqual({ [`mcp-server-${name}`]: 'dist/index.js' });
    expect(pkg.mcpName).toBe(`io.github.bastion-mcp/${name}`);
    expect(pkg.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/bastion-mcp/bastion.git',
      directory: `servers/${name}`,
    });
    expect(pkg.homepage).toBe(`https://github.com/bastion-mcp/bastion/tree/main/servers/${name}#readme`);
    expect(pkg.bugs).toEqual({ url: 'https://github.com/bastion-mcp/bastion/issues' });
    const keywords = pkg.keywords as string[];
    expect(keywords).toEqual(expect.arrayContaining(['mcp', 'model-context-protocol']));
    expect(keywords.length, 'keywords name the server domain too').toBeGreaterThan(3);
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'server.json']));
    expect(pkg.publishConfig).toEqual({ access: 'public', provenance: true });
  });

  it('ships the MIT LICENSE (npm packs a LICENSE file from the package folder)', () => {
    expect(fs.readFileSync(path.join(server.dir, 'LICENSE'), 'utf8')).toBe(rootLicense);
  });

  it('has a server.json in the MCP Registry format, complete for its options', async () => {
    const spec = await configSpecOf(server);
    const file = path.join(server.dir, 'server.json');
    if (!fs.existsSync(file) && !process.env.CI) {
      // Like tool snapshots: drafted on a local run, reviewed and committed; a missing one fails CI.
      fs.writeFileSync(file, `${JSON.stringify(draftServerJson(server, spec), null, 2)}\n`);
    }
    expect(fs.existsSync(file), `${name}/server.json is missing`).toBe(true);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const parsed = serverJsonSchema.safeParse(json);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(json.name).toBe(pkg.mcpName);
    expect(json.version).toBe(pkg.version);
    const [npm] = json.packages;
    expect(npm).toMatchObject({
      registryType: 'npm',
      identifier: pkg.name,
      version: pkg.version,
      transport: { type: 'stdio' },
    });
    expect(json.repository.subfolder).toBe(`servers/${name}`);
    // Every option of the server's own, and the common stdio ones, are there as env twins, described.
    const envs = new Map<string, { description?: string }>(
      (npm.environmentVariables ?? []).map((e: { name: string }) => [e.name, e]),
    );
    for (const option of optionDocs(spec).filter((o) => inServerJson(spec, o))) {
      expect(envs.get(option.env)?.description, `${option.env} in server.json`).toBeTruthy();
    }
    for (const env of envs.values()) expect(env.description, JSON.stringify(env)).toBeTruthy();
    if (spec.positional) {
      expect(npm.packageArguments).toContainEqual(
        expect.objectContaining({ type: 'positional', description: expect.stringMatching(/\w/) }),
      );
    }
  });

  it('has a --help that lists its toolsets and enum values, with env names not doubled', async () => {
    const spec = await configSpecOf(server);
    const outcome = parseConfig(spec, ['--help'], {});
    const help = 'stdout' in outcome ? (outcome.stdout ?? '') : '';
    expect(help).toContain('Toolsets (--toolsets a,b or all; * = on by default):');
    for (const toolset of spec.toolsets ?? []) expect(help).toContain(toolset.description);
    expect(help).toContain('--log-level <debug|info|warn|error|silent>');
    const prefix = name.toUpperCase().replace(/-/g, '_');
    expect(help).not.toContain(`${prefix}_${prefix}_`);
  });

  it('keeps its README tool table generated from the tool snapshots', () => {
    const script = path.join(repoRoot, 'scripts/tool-table.mjs');
    execFileSync(process.execPath, [script, server.dir, '--check'], { stdio: 'pipe' });
  });
});

describe('the schema transcription', () => {
  it('refuses what the registry refuses', () => {
    const [first] = servers;
    const good = JSON.parse(fs.readFileSync(path.join(first!.dir, 'server.json'), 'utf8'));
    expect(serverJsonSchema.safeParse(good).success).toBe(true);
    const passes = (patch: (j: typeof good) => void) => {
      const copy = structuredClone(good);
      patch(copy);
      return serverJsonSchema.safeParse(copy).success;
    };
    expect(passes((j) => (j.name = 'no-slash'))).toBe(false);
    expect(passes((j) => (j.description = 'x'.repeat(101)))).toBe(false);
    expect(passes((j) => (j.packages[0].version = '^1.0.0'))).toBe(false);
    expect(passes((j) => (j.packages[0].transport = { type: 'carrier-pigeon' }))).toBe(false);
    expect(passes((j) => (j.packages[0].environmentVariables = [{ description: 'no name' }]))).toBe(false);
    expect(passes((j) => delete j.version)).toBe(false);
  });
});

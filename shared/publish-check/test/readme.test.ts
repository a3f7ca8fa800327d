import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, serverPackages } from '../src/servers.js';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

interface Entry {
  command: string;
  args: string[];
}

/** Every mcpServers entry of every JSON block in the root README. */
function desktopEntries(): Entry[] {
  const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1] as string));
  return blocks.flatMap((b) => Object.values((b.mcpServers ?? {}) as Record<string, Entry>));
}

describe('the root README', () => {
  it.each(serverPackages().map((s) => [s.name, s] as const))(
    'gives %s a Claude Desktop block from npm and one from a local build',
    (name, server) => {
      const entries = desktopEntries();
      expect(entries).toContainEqual(
        expect.objectContaining({ command: 'npx', args: expect.arrayContaining(['-y', server.pkg.name]) }),
      );
      const bin = Object.values(server.pkg.bin as Record<string, string>)[0];
      const local = entries.find(
        (e) => e.command === 'node' && e.args[0]?.endsWith(`servers/${name}/${bin}`),
      );
      expect(local, `a node entry running servers/${name}/${bin}`).toBeTruthy();
    },
  );

  it('says how to run a server before it is on npm', () => {
    expect(readme).toContain('node servers/filesystem/dist/index.js');
    expect(readme).toMatch(/npx -y file:\S+\.tgz/);
  });

  it('says that delete is off by default, and keeps contributor notes in the repository', () => {
    const row = readme.split('\n').find((l) => l.includes('`mcp-server-filesystem`'));
    expect(row).toContain('`--toolsets default,delete`');
    expect(readme).not.toMatch(/\.\.\/shared|DESIGN\.md/);
    expect(readme).toContain('[CONTRIBUTING.md](CONTRIBUTING.md)');
    expect(fs.existsSync(path.join(repoRoot, 'CONTRIBUTING.md'))).toBe(true);
  });
});

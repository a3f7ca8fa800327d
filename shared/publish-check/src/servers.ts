import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ConfigSpec, type OptionDoc, optionDocs, type z } from '@bastion-mcp/runtime';
import { SCHEMA_URL, type ServerJson } from './registry-schema.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ServerPackage {
  /** Folder name under servers/. */
  name: string;
  dir: string;
  pkg: Record<string, unknown> & { name: string; version: string; description: string };
}

/** Every server package in servers/*: new ones are checked as soon as they exist. */
export function serverPackages(): ServerPackage[] {
  const root = path.join(repoRoot, 'servers');
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, 'package.json')))
    .map((e) => {
      const dir = path.join(root, e.name);
      return { name: e.name, dir, pkg: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) };
    });
}

/** The server's config spec, from its src/server.ts (where every Bastion server defines it). */
export async function configSpecOf(server: ServerPackage): Promise<ConfigSpec<z.ZodRawShape>> {
  const mod = (await import(path.join(server.dir, 'src/server.ts'))) as {
    configSpec?: ConfigSpec<z.ZodRawShape>;
  };
  if (!mod.configSpec) throw new Error(`${server.name}: src/server.ts exports no configSpec`);
  return mod.configSpec;
}

/**
 * A server.json drafted from package.json and the config spec: the npm package over stdio, every
 * option of the server's own as an environment variable, the positional argument. Written once for
 * a new server (then kept by hand: text can be improved, the test keeps it complete and valid).
 */
export function draftServerJson(server: ServerPackage, spec: ConfigSpec<z.ZodRawShape>): ServerJson {
  const repository = server.pkg.repository as { url: string; directory: string };
  const description =
    spec.description.length <= 100 ? spec.description : `${spec.description.slice(0, 97)}...`;
  const positional = spec.positional;
  return {
    $schema: SCHEMA_URL,
    name: server.pkg.mcpName as string,
    description,
    version: server.pkg.version,
    repository: {
      url: repository.url.replace(/^git\+/, '').replace(/\.git$/, ''),
      source: 'github',
      subfolder: repository.directory,
    },
    packages: [
      {
        registryType: 'npm',
        identifier: server.pkg.name,
        version: server.pkg.version,
        runtimeHint: 'npx',
        transport: { type: 'stdio' },
        ...(positional
          ? {
              packageArguments: [
                {
                  type: 'positional' as const,
                  valueHint: positional.label.replace(/[<>]/g, ''),
                  description: String(
                    (spec.options[positional.key] as { description?: string } | undefined)?.description ?? '',
                  ),
                  isRepeated: true,
                  ...(positional.roots ? { format: 'filepath' as const } : {}),
                },
              ],
            }
          : {}),
        environmentVariables: optionDocs(spec)
          .filter((o) => inServerJson(spec, o))
          .map((o) => ({
            name: o.env,
            description: o.description,
            ...(textOf(o.default) ? { default: textOf(o.default) } : {}),
            ...(o.type === 'boolean' ? { format: 'boolean' as const } : {}),
            ...(o.type === 'number' ? { format: 'number' as const } : {}),
            ...(o.values ? { choices: o.values } : {}),
          })),
      },
    ],
  };
}

/**
 * The options server.json lists as environment variables: the server's own, and the common ones a
 * stdio user sets (tool selection, budget, logs), unless the server hides or explains them away in --help.
 * The HTTP options are left out: a registry entry describes the stdio package.
 */
const COMMON_IN_SERVER_JSON = [
  'readOnly',
  'toolsets',
  'tools',
  'excludeTools',
  'maxResponseChars',
  'logLevel',
];
export function inServerJson(spec: ConfigSpec<z.ZodRawShape>, option: OptionDoc): boolean {
  if (!option.common) return true;
  return COMMON_IN_SERVER_JSON.includes(option.key) && !(option.key in (spec.commonHelp ?? {}));
}

/** A default as its env variable would spell it (lists comma-separated); empty for none. */
const textOf = (value: unknown): string =>
  value === undefined ? '' : Array.isArray(value) ? value.join(',') : String(value);

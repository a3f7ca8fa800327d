import { ConfigError } from './errors.js';
import type { Tool } from './tool.js';

export interface Toolset {
  name: string;
  description: string;
  /** On unless the operator picks toolsets explicitly. */
  default: boolean;
}

export const DEFAULT_TOOLSETS: readonly Toolset[] = [
  { name: 'default', description: 'The standard tools', default: true },
];

export interface Selection {
  /** Toolset names, or `all`; absent means the default toolsets. */
  toolsets?: readonly string[];
  /** Only tools of kind `read`; wins over every other option. */
  readOnly?: boolean;
  /** Individual tools to enable (names or aliases), added to the chosen toolsets. */
  tools?: readonly string[];
  /** Tools to remove (names or aliases). */
  excludeTools?: readonly string[];
}

/**
 * Picks the tools a server exposes. Unknown toolset or tool names fail with the valid ones listed.
 * The result is sorted by name so tools/list is deterministic.
 */
export function selectTools<S>(
  tools: readonly Tool<S>[],
  toolsets: readonly Toolset[],
  selection: Selection,
): Tool<S>[] {
  const byName = indexTools(tools, toolsets);
  const toolsetOf = (tool: Tool<S>) => tool.toolset ?? toolsets.find((t) => t.default)?.name ?? 'default';

  const wanted =
    selection.toolsets ??
    (selection.tools?.length ? [] : toolsets.filter((t) => t.default).map((t) => t.name));
  const validSets = toolsets.map((t) => t.name);
  for (const name of wanted) {
    if (name !== 'all' && !validSets.includes(name)) {
      throw new ConfigError(
        `Unknown toolset "${name}". Valid toolsets: ${[...validSets, 'all'].join(', ')}.`,
      );
    }
  }
  const chosen = new Set<Tool<S>>(
    wanted.includes('all') ? tools : tools.filter((tool) => wanted.includes(toolsetOf(tool))),
  );
  for (const name of selection.tools ?? []) chosen.add(lookup(byName, name, '--tools'));
  for (const name of selection.excludeTools ?? []) chosen.delete(lookup(byName, name, '--exclude-tools'));

  const allowed = (tool: Tool<S>) => !selection.readOnly || tool.kind === 'read';
  const picked = [...chosen].filter((tool) => !tool.successor && allowed(tool));
  const names = new Set(picked.map((tool) => tool.name));
  // Old tools follow their successor in and out, whatever the flags named.
  const followers = tools.filter((tool) => tool.successor && names.has(tool.successor) && allowed(tool));
  return [...picked, ...followers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function indexTools<S>(tools: readonly Tool<S>[], toolsets: readonly Toolset[]): Map<string, Tool<S>> {
  const byName = new Map<string, Tool<S>>();
  const validSets = new Set(toolsets.map((t) => t.name));
  for (const tool of tools) {
    if (tool.toolset && !validSets.has(tool.toolset)) {
      throw new Error(
        `Tool ${tool.name} names toolset "${tool.toolset}", which the server does not declare.`,
      );
    }
    if (tool.successor && !tools.some((t) => t.name === tool.successor))
      throw new Error(
        `Tool ${tool.name} names successor "${tool.successor}", which the server does not have.`,
      );
    for (const name of [tool.name, ...(tool.aliases ?? [])]) {
      if (byName.has(name)) throw new Error(`Two tools are named "${name}".`);
      byName.set(name, tool);
    }
  }
  return byName;
}

function lookup<S>(byName: Map<string, Tool<S>>, name: string, flag: string): Tool<S> {
  const tool = byName.get(name);
  if (!tool)
    throw new ConfigError(
      `${flag}: unknown tool "${name}". Valid tools: ${[...byName.keys()].sort().join(', ')}.`,
    );
  return tool;
}

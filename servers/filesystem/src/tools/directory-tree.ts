import { MAX_PATH_CHARS, structured, z } from '@bastion-mcp/runtime';
import { globTest } from '../lib/globs.js';
import { startOf, type Walked, walk } from '../lib/walk.js';
import { tool } from '../tool.js';

/** A bound on memory and time; the response budget cuts the text far sooner. */
const MAX_ENTRIES = 50_000;

interface Node {
  name: string;
  type: 'file' | 'directory' | 'symlink';
  children?: Node[];
}

export const directoryTree = tool({
  name: 'directory_tree',
  title: 'Directory tree',
  description:
    'The files and folders under a folder, recursively. format text (default): one entry per line, indented ' +
    "two spaces per level, folders ending in '/'. format json: minified JSON, an array of {name, type, " +
    'children} (children only on folders; type file, directory or symlink). Skips .git, what .gitignore ' +
    "files ignore and excludePatterns. Symlinks are listed, marked '(symlink)', and never followed. Use " +
    'maxDepth on big folders.',
  kind: 'read',
  input: z.object({
    path: z
      .string()
      .max(MAX_PATH_CHARS)
      .describe('Folder to show: absolute, or relative to the first allowed directory'),
    excludePatterns: z
      .array(z.string().max(MAX_PATH_CHARS))
      .default([])
      .describe('Globs to leave out: without a slash they match names at any depth (node_modules, *.log)'),
    maxDepth: z.number().int().min(1).optional().describe('Levels to show (1 = only its own entries)'),
    format: z.enum(['text', 'json']).default('text').describe('text (indented lines) or json (minified)'),
    respectGitignore: z
      .boolean()
      .default(true)
      .describe('Leave out what .gitignore files ignore (default true)'),
  }),
  output: z.object({
    root: z.string().describe('The real path of the folder shown'),
    entries: z.number().describe('Files, folders and symlinks listed'),
    truncated: z.boolean().describe(`True when the walk stopped at ${MAX_ENTRIES} entries`),
    unexpanded: z.number().describe('Folders at maxDepth whose contents were not listed'),
  }),
  async handle(input, ctx) {
    const start = await startOf(ctx.sandbox, input.path);
    const walked = await walk(start.path, {
      sandbox: ctx.sandbox,
      root: start.root,
      signal: ctx.signal,
      exclude: globTest(input.excludePatterns, 'excludePatterns'),
      respectGitignore: input.respectGitignore,
      maxDepth: input.maxDepth,
      dirs: true,
      symlinks: true,
      limit: MAX_ENTRIES,
    });
    const tree = build(walked);
    const depth = input.maxDepth;
    const unexpanded = depth ? walked.paths.filter((p) => p.endsWith('/') && slashes(p) === depth).length : 0;
    const notes: string[] = [];
    if (unexpanded)
      notes.push(
        `[${unexpanded} folders at depth ${depth} not expanded: raise maxDepth or show one of them]`,
      );
    if (walked.truncated)
      notes.push(`[stopped at ${MAX_ENTRIES} entries: use maxDepth, excludePatterns or a subfolder]`);
    const body =
      input.format === 'json'
        ? JSON.stringify(tree)
        : [`${start.path.replace(/\/?$/, '/')}`, ...render(tree, '  ', [])].join('\n');
    const data = { root: start.path, entries: walked.paths.length, truncated: walked.truncated, unexpanded };
    const result = structured(data, body, {
      rest: 'Use maxDepth, excludePatterns (e.g. node_modules), or call directory_tree on a subfolder.',
    });
    if (notes.length) result.content.push({ type: 'text', text: notes.join('\n') });
    return result;
  },
});

/** Sorted, a folder's path comes before everything under it, so each parent exists when needed. */
function build(walked: Walked): Node[] {
  const top: Node[] = [];
  const folders = new Map<string, Node[]>([['', top]]);
  for (const p of walked.paths.sort()) {
    const isDir = p.endsWith('/');
    const bare = isDir ? p.slice(0, -1) : p;
    const cut = bare.lastIndexOf('/') + 1;
    const type = isDir ? 'directory' : walked.links.has(p) ? 'symlink' : 'file';
    const node: Node = { name: bare.slice(cut), type };
    if (isDir) {
      node.children = [];
      folders.set(p, node.children);
    }
    folders.get(bare.slice(0, cut))?.push(node);
  }
  return top;
}

function render(nodes: Node[], indent: string, out: string[]): string[] {
  for (const node of nodes) {
    const mark = node.type === 'directory' ? '/' : node.type === 'symlink' ? ' (symlink)' : '';
    out.push(indent + node.name + mark);
    if (node.children) render(node.children, `${indent}  `, out);
  }
  return out;
}

function slashes(p: string): number {
  let n = 0;
  for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) n++;
  return n;
}

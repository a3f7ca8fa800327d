import { notFound, structured, type ToolContext, type ToolResult, z } from '@bastion-mcp/runtime';
import type { GitState } from '../tool.js';
import { gitMessage } from './changes.js';
import { gitCall } from './git.js';
import { type Repo, repoPaths } from './repo.js';

/** The options every git_diff* tool shares. */
export const diffFields = {
  context_lines: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(3)
    .describe('Lines of context around each change (git diff --unified)'),
  paths: z
    .array(z.string().min(1))
    .optional()
    .describe('Only these files or folders (paths inside the repository)'),
  stat_only: z
    .boolean()
    .default(false)
    .describe('Only the per-file insertion and deletion counts, without the patch text'),
};

/** structuredContent holds at most this many files; the totals always count all of them. */
export const MAX_FILES = 1000;

export const diffOutput = z.object({
  files: z
    .array(
      z.object({
        path: z.string().describe('Path relative to the repository (the new path of a rename)'),
        from: z.string().optional().describe('The old path of a rename or copy'),
        insertions: z.number().describe('Lines added (0 for binary files)'),
        deletions: z.number().describe('Lines removed (0 for binary files)'),
        binary: z.boolean().describe('True for a binary file (no line counts)'),
      }),
    )
    .describe(`Changed files (the first ${MAX_FILES})`),
  file_count: z.number().describe('How many files changed in all'),
  insertions: z.number().describe('Lines added in all'),
  deletions: z.number().describe('Lines removed in all'),
});

export type DiffFile = z.output<typeof diffOutput>['files'][number];

/** Parses `git diff --numstat -z`: "ins\tdel\tpath\0", or "ins\tdel\t\0old\0new\0" for a rename. */
export function parseNumstat(raw: string): DiffFile[] {
  const records = raw.split('\0');
  const files: DiffFile[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as string;
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(record);
    if (!match) continue;
    const [, ins, del, name] = match as unknown as [string, string, string, string];
    const binary = ins === '-' && del === '-';
    const counts = { insertions: binary ? 0 : Number(ins), deletions: binary ? 0 : Number(del), binary };
    if (name === '') {
      const from = records[++i] ?? '';
      files.push({ path: records[++i] ?? '', from, ...counts });
    } else files.push({ path: name, ...counts });
  }
  return files;
}

export interface DiffRequest {
  /** What to compare: [] (index vs work tree), ['--cached'], or ['--end-of-options', target]. */
  selection: string[];
  /** The field to name when git does not know a revision (git_diff's target). */
  revisionField?: string;
  /** The text when nothing differs, e.g. "No unstaged changes." */
  empty: string;
}

/**
 * Runs a diff twice, concurrently: `--numstat -z` for structuredContent and (unless stat_only) the
 * patch for the text, with a summary line first so a cut patch still says what it covers.
 */
export async function runDiff(
  ctx: ToolContext<GitState>,
  repo: Repo,
  input: { context_lines: number; paths?: string[] | undefined; stat_only: boolean },
  request: DiffRequest,
): Promise<ToolResult> {
  const paths = input.paths ? await repoPaths(ctx, repo, input.paths) : [];
  const base = ['diff', '--no-ext-diff', '--no-textconv', '--no-color', `--unified=${input.context_lines}`];
  const diff = (format: string[]) =>
    gitCall(repo.dir, repo.call, (git) =>
      git.raw([...base, ...format, ...request.selection, '--', ...paths]),
    );
  // Both diffs start at once: each pays git's start-up and index read, so in parallel the call
  // costs about one of them instead of two.
  const patchRun = input.stat_only ? undefined : diff([]);
  patchRun?.catch(() => {}); // awaited below; a failure there is reported by the numstat run first
  const numstat = await diff(['--numstat', '-z']).catch((error) => refine(error, request));
  const files = parseNumstat(numstat);
  const totals = {
    file_count: files.length,
    insertions: files.reduce((n, f) => n + f.insertions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
  };
  const data = { files: files.slice(0, MAX_FILES), ...totals };
  if (files.length === 0) return structured(data, request.empty);
  const summary = `${totals.file_count} file${totals.file_count === 1 ? '' : 's'} changed, ${totals.insertions} insertions(+), ${totals.deletions} deletions(-)`;
  if (input.stat_only) {
    const lines = files.map((f) =>
      f.binary
        ? `bin ${f.path}`
        : `+${f.insertions} -${f.deletions} ${f.from ? `${f.from} => ` : ''}${f.path}`,
    );
    return structured(data, [summary, ...lines].join('\n'), {
      rest: 'Narrow it with paths; structuredContent lists the first files with their counts.',
    });
  }
  const patch = await (patchRun as Promise<string>).catch((error) => refine(error, request));
  return structured(data, `${summary}\n\n${patch}`, {
    rest: 'Narrow the diff with paths (e.g. the files listed in structuredContent), or pass stat_only: true for per-file counts.',
  });
}

function refine(error: unknown, request: DiffRequest): never {
  const message = (error as Error).message ?? '';
  if (
    request.revisionField &&
    /bad revision|unknown revision|ambiguous argument|invalid revision range|bad object/i.test(message)
  ) {
    throw notFound(
      `${request.revisionField} names no revision in this repository (${gitMessage(error)}).`,
      'Pass an existing branch, tag or commit (git_branch and git_log list them), or a range like main..feature.',
    );
  }
  throw error;
}

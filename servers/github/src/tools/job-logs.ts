import { invalidInput, structured, untrusted, z } from '@bastion-mcp/runtime';
import { failingTails, type LogSlice, lineRange } from '../lib/logs.js';
import { sanitize } from '../lib/sanitize.js';
import { type Ctx, gh, inRepo, repoInput, tool } from '../tool.js';
import { compactJob, id } from './actions.js';

export const getJobLogs = tool({
  name: 'get_job_logs',
  title: 'Read job logs',
  description:
    "A job's log (job_id), or the failed jobs of a run (run_id): by default only the failing steps' last tail_lines lines. Use offset/limit for another line range of one job.",
  kind: 'read',
  openWorld: true,
  toolset: 'actions',
  input: z.object({
    ...repoInput,
    job_id: id('Job').optional().describe('One job'),
    run_id: id('Workflow run').optional().describe('Every failed job of this run'),
    tail_lines: z
      .number()
      .int()
      .min(1)
      .max(2000)
      .default(100)
      .describe("Lines kept from the end of each failing step (or the log's end)"),
    offset: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Read lines from here instead (0-based; job_id only)'),
    limit: z.number().int().min(1).max(2000).default(500).describe('Lines to read from offset'),
  }),
  async handle(input, ctx) {
    const { owner, repo } = input;
    const full = inRepo(ctx, owner, repo);
    if (!input.job_id === !input.run_id) throw invalidInput('pass exactly one of job_id and run_id.');
    if (input.offset !== undefined && !input.job_id) throw invalidInput('offset reads one job: pass job_id.');
    const jobs = input.job_id
      ? [
          (
            await gh(ctx, `job ${input.job_id} of ${full}`, (api) =>
              api.rest.actions.getJobForWorkflowRun({ owner, repo, job_id: input.job_id as number }),
            )
          ).data,
        ]
      : (
          await gh(ctx, `jobs of run ${input.run_id} in ${full}`, (api) =>
            api.rest.actions.listJobsForWorkflowRun({
              owner,
              repo,
              run_id: input.run_id as number,
              filter: 'latest',
              per_page: 100,
            }),
          )
        ).data.jobs.filter((j) => j.conclusion === 'failure');
    const parts: { job: ReturnType<typeof compactJob>; slices: LogSlice[] }[] = [];
    for (const job of jobs) {
      const log = await readLog(ctx, owner, repo, job.id);
      const compact = compactJob(job);
      const slices =
        input.offset !== undefined
          ? [lineRange(log, input.offset, input.limit)]
          : failingTails(log, compact.failed_steps, input.tail_lines);
      parts.push({ job: compact, slices });
    }
    if (!parts.length) return structured({ jobs: [] }, `No failed jobs in run ${input.run_id} of ${full}.`);
    const text = parts
      .map(({ job, slices }) =>
        [
          `Job ${job.id} ${job.name} (${job.conclusion ?? job.status})`,
          ...slices.map(
            (s) =>
              `[${s.step}: lines ${s.from + 1}-${s.to} of ${s.total}${s.from > 0 ? `; earlier lines: offset=${Math.max(0, s.from - input.limit)} with job_id ${job.id}` : ''}]\n${untrusted(`log of job ${job.id}`, sanitize(s.text))}`,
          ),
        ].join('\n'),
      )
      .join('\n\n');
    return structured(
      {
        jobs: parts.map(({ job, slices }) => ({
          ...job,
          slices: slices.map(({ text: _t, ...range }) => range),
        })),
      },
      text,
    );
  },
});

async function readLog(ctx: Ctx, owner: string, repo: string, job_id: number): Promise<string> {
  const { data } = await gh(ctx, `logs of job ${job_id}`, (api) =>
    api.rest.actions.downloadJobLogsForWorkflowRun({ owner, repo, job_id }),
  );
  return typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer).toString('utf8');
}

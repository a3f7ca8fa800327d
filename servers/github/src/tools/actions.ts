import { invalidInput, structured, untrusted, z } from '@bastion-mcp/runtime';
import { failingTails, type LogSlice, lineRange } from '../lib/logs.js';
import { listResult, writeResult } from '../lib/render.js';
import { oneLine, sanitize } from '../lib/sanitize.js';
import { type Ctx, gh, inRepo, nextCursor, pageInput, pageOf, repoInput, tool } from '../tool.js';

const id = (what: string) => z.number().int().positive().describe(`${what} ID`);

// biome-ignore lint/suspicious/noExplicitAny: GitHub's JSON
const compactRun = (r: any) => ({
  id: r.id as number,
  name: oneLine(r.name ?? r.display_title),
  status: r.status as string,
  conclusion: (r.conclusion as string | null) ?? null,
  branch: r.head_branch as string,
  event: r.event as string,
  url: r.html_url as string,
});
// biome-ignore lint/suspicious/noExplicitAny: GitHub's JSON
const compactJob = (j: any) => ({
  id: j.id as number,
  name: oneLine(j.name),
  status: j.status as string,
  conclusion: (j.conclusion as string | null) ?? null,
  failed_steps: ((j.steps ?? []) as { name: string; conclusion: string | null }[])
    .filter((s) => s.conclusion === 'failure')
    .map((s) => s.name),
  url: j.html_url as string,
});

export const actionsList = tool({
  name: 'actions_list',
  title: 'List workflows, runs, jobs or artifacts',
  description:
    'method list_workflows, list_workflow_runs (optionally of workflow_id), list_workflow_jobs (run_id) or list_workflow_run_artifacts (run_id).',
  kind: 'read',
  openWorld: true,
  toolset: 'actions',
  input: z.object({
    method: z
      .enum(['list_workflows', 'list_workflow_runs', 'list_workflow_jobs', 'list_workflow_run_artifacts'])
      .describe('What to list'),
    ...repoInput,
    workflow_id: z
      .union([z.number().int().positive(), z.string().min(1).max(255)])
      .optional()
      .describe('Workflow ID or file name (list_workflow_runs)'),
    run_id: id('Workflow run').optional().describe('Workflow run ID (jobs and artifacts)'),
    status: z
      .enum(['queued', 'in_progress', 'completed', 'success', 'failure', 'cancelled'])
      .optional()
      .describe('Only runs with this status or conclusion'),
    ...pageInput,
  }),
  async handle(input, ctx) {
    const { owner, repo, method, perPage } = input;
    const full = inRepo(ctx, owner, repo);
    const page = pageOf(input.cursor);
    const paging = { owner, repo, per_page: perPage, page };
    if (method === 'list_workflows') {
      const res = await gh(ctx, `workflows of ${full}`, (api) => api.rest.actions.listRepoWorkflows(paging));
      const items = res.data.workflows.map((w) => ({
        id: w.id,
        name: oneLine(w.name),
        path: w.path,
        state: w.state,
      }));
      return listResult(
        `workflows of ${full}`,
        items,
        (w) => `${w.id} ${w.name} (${w.path}) ${w.state}`,
        nextCursor(res.headers, page, items.length, perPage),
      );
    }
    if (method === 'list_workflow_runs') {
      const filter = input.status ? { status: input.status } : {};
      const res = await gh(ctx, `workflow runs of ${full}`, (api) =>
        input.workflow_id !== undefined
          ? api.rest.actions.listWorkflowRuns({ ...paging, ...filter, workflow_id: input.workflow_id })
          : api.rest.actions.listWorkflowRunsForRepo({ ...paging, ...filter }),
      );
      const items = res.data.workflow_runs.map(compactRun);
      return listResult(
        `workflow runs of ${full}`,
        items,
        (r) => `${r.id} ${r.name} ${r.conclusion ?? r.status} on ${r.branch} (${r.event})`,
        nextCursor(res.headers, page, items.length, perPage),
      );
    }
    const run_id = requireRun(input.run_id);
    if (method === 'list_workflow_jobs') {
      const res = await gh(ctx, `jobs of run ${run_id} in ${full}`, (api) =>
        api.rest.actions.listJobsForWorkflowRun({ ...paging, run_id }),
      );
      const items = res.data.jobs.map(compactJob);
      return listResult(
        `jobs of run ${run_id} in ${full}`,
        items,
        (j) =>
          `${j.id} ${j.name} ${j.conclusion ?? j.status}${j.failed_steps.length ? ` (failed: ${j.failed_steps.join(', ')})` : ''}`,
        nextCursor(res.headers, page, items.length, perPage),
      );
    }
    const res = await gh(ctx, `artifacts of run ${run_id} in ${full}`, (api) =>
      api.rest.actions.listWorkflowRunArtifacts({ ...paging, run_id }),
    );
    const items = res.data.artifacts.map((a) => ({
      id: a.id,
      name: a.name,
      size: a.size_in_bytes,
      expired: a.expired,
    }));
    return listResult(
      `artifacts of run ${run_id} in ${full}`,
      items,
      (a) => `${a.id} ${a.name} ${a.size} B${a.expired ? ' (expired)' : ''}`,
      nextCursor(res.headers, page, items.length, perPage),
    );
  },
});

function requireRun(run_id: number | undefined): number {
  if (!run_id)
    throw invalidInput('run_id is required for this method.', 'List runs first (method list_workflow_runs).');
  return run_id;
}

export const actionsGet = tool({
  name: 'actions_get',
  title: 'Get a workflow, run or job',
  description: 'method get_workflow (workflow_id), get_workflow_run (run_id) or get_workflow_job (job_id).',
  kind: 'read',
  openWorld: true,
  toolset: 'actions',
  input: z.object({
    method: z.enum(['get_workflow', 'get_workflow_run', 'get_workflow_job']).describe('What to get'),
    ...repoInput,
    resource_id: z
      .union([z.number().int().positive(), z.string().min(1).max(255)])
      .describe('The workflow ID or file name, run ID or job ID'),
  }),
  async handle({ method, owner, repo, resource_id }, ctx) {
    const full = inRepo(ctx, owner, repo);
    if (method === 'get_workflow') {
      const { data } = await gh(ctx, `workflow ${resource_id} of ${full}`, (api) =>
        api.rest.actions.getWorkflow({ owner, repo, workflow_id: resource_id }),
      );
      return structured(
        { id: data.id, name: oneLine(data.name), path: data.path, state: data.state, url: data.html_url },
        `${data.id} ${oneLine(data.name)} (${data.path}) ${data.state}`,
      );
    }
    const numeric = Number(resource_id);
    if (!Number.isInteger(numeric) || numeric <= 0)
      throw invalidInput('resource_id must be a numeric ID for runs and jobs.');
    if (method === 'get_workflow_run') {
      const { data } = await gh(ctx, `run ${numeric} of ${full}`, (api) =>
        api.rest.actions.getWorkflowRun({ owner, repo, run_id: numeric }),
      );
      const run = compactRun(data);
      return structured(
        run,
        `${run.id} ${run.name} ${run.conclusion ?? run.status} on ${run.branch} ${run.url}`,
      );
    }
    const { data } = await gh(ctx, `job ${numeric} of ${full}`, (api) =>
      api.rest.actions.getJobForWorkflowRun({ owner, repo, job_id: numeric }),
    );
    const job = compactJob(data);
    return structured(
      job,
      `${job.id} ${job.name} ${job.conclusion ?? job.status}${job.failed_steps.length ? `, failed steps: ${job.failed_steps.join(', ')}` : ''}`,
    );
  },
});

export const actionsRunTrigger = tool({
  name: 'actions_run_trigger',
  title: 'Run, re-run or cancel a workflow',
  description:
    'method run_workflow (workflow_id, ref, inputs), rerun_workflow_run, rerun_failed_jobs or cancel_workflow_run (run_id).',
  kind: 'write',
  openWorld: true,
  toolset: 'actions',
  input: z.object({
    method: z
      .enum(['run_workflow', 'rerun_workflow_run', 'rerun_failed_jobs', 'cancel_workflow_run'])
      .describe('What to do'),
    ...repoInput,
    workflow_id: z
      .union([z.number().int().positive(), z.string().min(1).max(255)])
      .optional()
      .describe('Workflow ID or file name (run_workflow)'),
    ref: z.string().max(255).optional().describe('Branch or tag to run on (run_workflow)'),
    inputs: z.record(z.string(), z.string()).optional().describe('workflow_dispatch inputs (run_workflow)'),
    run_id: id('Workflow run').optional().describe('Run to re-run or cancel'),
  }),
  async handle(input, ctx) {
    const { owner, repo, method } = input;
    const full = inRepo(ctx, owner, repo);
    const actions = `${ctx.state.host.web}/${full}/actions`;
    if (method === 'run_workflow') {
      if (input.workflow_id === undefined || !input.ref)
        throw invalidInput(
          'run_workflow needs workflow_id and ref.',
          'Pass the workflow file name (e.g. ci.yml) and a branch.',
        );
      const workflow_id = input.workflow_id;
      const ref = input.ref;
      await gh(ctx, `workflow ${workflow_id} of ${full}`, (api) =>
        api.rest.actions.createWorkflowDispatch({
          owner,
          repo,
          workflow_id,
          ref,
          ...(input.inputs ? { inputs: input.inputs } : {}),
        }),
      );
      return writeResult(`Started workflow ${workflow_id} on ${ref}`, {
        id: String(workflow_id),
        url: actions,
      });
    }
    const run_id = requireRun(input.run_id);
    const what = `run ${run_id} of ${full}`;
    if (method === 'rerun_workflow_run')
      await gh(ctx, what, (api) => api.rest.actions.reRunWorkflow({ owner, repo, run_id }));
    else if (method === 'rerun_failed_jobs')
      await gh(ctx, what, (api) => api.rest.actions.reRunWorkflowFailedJobs({ owner, repo, run_id }));
    else await gh(ctx, what, (api) => api.rest.actions.cancelWorkflowRun({ owner, repo, run_id }));
    return writeResult(`${method.replace(/_/g, ' ')}: run ${run_id}`, {
      id: run_id,
      url: `${actions}/runs/${run_id}`,
    });
  },
});

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

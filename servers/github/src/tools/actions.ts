import { invalidInput, structured, z } from '@bastion-mcp/runtime';
import { listResult } from '../lib/render.js';
import { oneLine } from '../lib/sanitize.js';
import { gh, inRepo, nextCursor, pageInput, pageOf, repoInput, tool } from '../tool.js';

export const id = (what: string) => z.number().int().positive().describe(`${what} ID`);

// biome-ignore lint/suspicious/noExplicitAny: GitHub's JSON
export const compactRun = (r: any) => ({
  id: r.id as number,
  name: oneLine(r.name ?? r.display_title),
  status: r.status as string,
  conclusion: (r.conclusion as string | null) ?? null,
  branch: r.head_branch as string,
  event: r.event as string,
  url: r.html_url as string,
});
// biome-ignore lint/suspicious/noExplicitAny: GitHub's JSON
export const compactJob = (j: any) => ({
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

export function requireRun(run_id: number | undefined): number {
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

import { invalidInput, z } from '@bastion-mcp/runtime';
import { writeResult } from '../lib/render.js';
import { gh, inRepo, repoInput, tool } from '../tool.js';
import { id, requireRun } from './actions.js';

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

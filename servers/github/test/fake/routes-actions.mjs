// The fake's routes for workflows, runs, jobs and job log redirects.

import {
  findJob,
  findRun,
  findWorkflow,
  jobJson,
  NOT_FOUND,
  repoOf,
  route,
  runJson,
  sendPaged,
  workflowJson,
} from './common.mjs';
import { newId } from './state.mjs';

export const actionsRoutes = [
  route('GET', '/repos/{owner}/{repo}/actions/runs', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    sendPaged(
      ctx,
      r.repo.runs.map((run) => runJson(ctx, r, run)),
      (slice) => ({ total_count: r.repo.runs.length, workflow_runs: slice }),
    );
  }),
  route('GET', '/repos/{owner}/{repo}/actions/workflows', (ctx) => {
    const r = repoOf(ctx);
    if (!r) return;
    sendPaged(
      ctx,
      r.repo.workflows.map((w) => workflowJson(ctx, r, w)),
      (slice) => ({ total_count: r.repo.workflows.length, workflows: slice }),
    );
  }),
  route('GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}', (ctx) => {
    const r = repoOf(ctx);
    const w = r && findWorkflow(r, ctx.params.workflow_id);
    if (!w) return r && ctx.send(404, NOT_FOUND);
    ctx.send(200, workflowJson(ctx, r, w));
  }),
  route('GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', (ctx) => {
    const r = repoOf(ctx);
    const w = r && findWorkflow(r, ctx.params.workflow_id);
    if (!w) return r && ctx.send(404, NOT_FOUND);
    const runs = r.repo.runs.filter((run) => run.name === w.name);
    sendPaged(
      ctx,
      runs.map((run) => runJson(ctx, r, run)),
      (slice) => ({ total_count: runs.length, workflow_runs: slice }),
    );
  }),
  route('POST', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const w = r && findWorkflow(r, ctx.params.workflow_id);
    if (!w) return r && ctx.send(404, NOT_FOUND);
    if (!ctx.body.ref)
      return ctx.send(422, { message: 'Invalid request. "ref" wasn\'t supplied.', status: '422' });
    r.repo.runs.unshift({ id: newId(), name: w.name, status: 'queued', conclusion: null, jobs: [] });
    ctx.send(204);
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}', (ctx) => {
    const r = repoOf(ctx);
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    ctx.send(200, runJson(ctx, r, run));
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs', (ctx) => {
    const r = repoOf(ctx);
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    sendPaged(
      ctx,
      run.jobs.map((j) => jobJson(ctx, r, run, j)),
      (slice) => ({ total_count: run.jobs.length, jobs: slice }),
    );
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', (ctx) => {
    const r = repoOf(ctx);
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    ctx.send(200, { total_count: 0, artifacts: [] });
  }),
  route('GET', '/repos/{owner}/{repo}/actions/jobs/{job_id}', (ctx) => {
    const r = repoOf(ctx);
    const found = r && findJob(r, ctx.params.job_id);
    if (!found) return r && ctx.send(404, NOT_FOUND);
    ctx.send(200, jobJson(ctx, r, found[0], found[1]));
  }),
  route('GET', '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs', (ctx) => {
    const r = repoOf(ctx);
    const found = r && findJob(r, ctx.params.job_id);
    if (!found) return r && ctx.send(404, NOT_FOUND);
    ctx.send(302, undefined, { location: `${ctx.web}/_logs/${r.full}/${found[1].id}` });
  }),
  route('POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/rerun', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    run.status = 'queued';
    ctx.send(201, {});
  }),
  route('POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    run.status = 'queued';
    ctx.send(201, {});
  }),
  route('POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/cancel', (ctx) => {
    const r = repoOf(ctx, { write: true });
    const run = r && findRun(r, ctx.params.run_id);
    if (!run) return r && ctx.send(404, NOT_FOUND);
    if (run.status === 'completed' || run.status === undefined)
      return ctx.send(409, { message: 'Cannot cancel a workflow run that is completed.', status: '409' });
    run.status = 'completed';
    run.conclusion = 'cancelled';
    ctx.send(202, {});
  }),
];

import { describe, expect, it } from 'vitest';
import { useSession } from './helpers.js';

describe('actions toolset (off by default)', () => {
  const h = useSession(['--toolsets', 'actions']);
  const api = { owner: 'acme', repo: 'api' };
  const run = () => h.s.fake.state.repo('acme', 'api').runs[0];

  it('lists runs and the failing job with its failed steps', async () => {
    const runs = await h.s.call('actions_list', { method: 'list_workflow_runs', ...api });
    expect(runs.text).toMatch(/\d+ ci failure on main \(push\)/);
    const jobs = await h.s.call('actions_list', { method: 'list_workflow_jobs', ...api, run_id: run().id });
    expect(jobs.text).toMatch(/test failure \(failed: Run npm test\)/);
  });

  it("get_job_logs for a run gives only the failing step's tail, with line numbers", async () => {
    const { text, result } = await h.s.call('get_job_logs', { ...api, run_id: run().id, tail_lines: 20 });
    expect(text).toMatch(/^Job \d+ test \(failure\)/);
    expect(text).toMatch(/\[Run npm test: lines \d+-\d+ of \d+; earlier lines: offset=\d+ with job_id \d+\]/);
    expect(text).toMatch(/##\[error\]Process completed with exit code 1\./);
    expect(text).not.toMatch(/Run npm ci output/);
    expect(text).not.toMatch(/build/);
    const body = text.split('\n').filter((l) => /output line/.test(l));
    expect(body.length).toBeLessThanOrEqual(20);
    expect(text).not.toMatch(/2026-01-01T/);
    const slices = (result.structuredContent as { jobs: { slices: { from: number; to: number }[] }[] })
      .jobs[0]?.slices;
    expect(slices?.[0]?.to).toBeGreaterThan(slices?.[0]?.from ?? 0);
  });

  it('reads another line range of one job with offset/limit', async () => {
    const job = run().jobs[1];
    const { text } = await h.s.call('get_job_logs', { ...api, job_id: job.id, offset: 0, limit: 3 });
    expect(text).toMatch(/\[\(range\): lines 1-3 of \d+\]/);
    expect(text).toMatch(/##\[group\]Set up job\nSet up job output line 1\nSet up job output line 2/);
  });

  it('refuses ambiguous or incomplete calls', async () => {
    expect((await h.s.call('get_job_logs', api)).text).toMatch(
      /^\[invalid_input\] pass exactly one of job_id and run_id/,
    );
    expect((await h.s.call('actions_list', { method: 'list_workflow_jobs', ...api })).text).toMatch(
      /^\[invalid_input\] run_id is required/,
    );
    expect((await h.s.call('actions_run_trigger', { method: 'run_workflow', ...api })).text).toMatch(
      /needs workflow_id and ref/,
    );
  });

  it('cancelling a completed run is a conflict; a dispatched run is listed', async () => {
    const done = h.s.fake.state.repo('acme', 'api').runs[1];
    expect(
      (await h.s.call('actions_run_trigger', { method: 'cancel_workflow_run', ...api, run_id: done.id }))
        .text,
    ).toMatch(/^\[conflict\]/);
    const started = await h.s.call('actions_run_trigger', {
      method: 'run_workflow',
      ...api,
      workflow_id: 'ci.yml',
      ref: 'main',
    });
    expect(started.isError).toBe(false);
    expect(h.s.fake.state.repo('acme', 'api').runs[0].status).toBe('queued');
  });
});

describe('job logs under --repos', () => {
  const h = useSession(['--toolsets', 'actions', '--repos', 'acme/api']);

  it("follows GitHub's redirect to the signed log address (not a repository)", async () => {
    const run = h.s.fake.state.repo('acme', 'api').runs[0];
    const { isError, text } = await h.s.call('get_job_logs', { owner: 'acme', repo: 'api', run_id: run.id });
    expect(isError, text).toBe(false);
    expect(text).toMatch(/##\[error\]Process completed with exit code 1\./);
  });
});

import { listResult } from '../lib/render.js';
import { sanitize } from '../lib/sanitize.js';
import { type Ctx, gh, nextCursor } from '../tool.js';

export async function statusOrChecks(
  ctx: Ctx,
  method: 'get_status' | 'get_check_runs',
  owner: string,
  repo: string,
  pull_number: number,
  what: string,
  perPage: number,
  page: number,
) {
  const { data: pr } = await gh(ctx, `pull request ${what}`, (api) =>
    api.rest.pulls.get({ owner, repo, pull_number }),
  );
  const ref = pr.head.sha;
  if (method === 'get_status') {
    const { data } = await gh(ctx, `status of ${what}`, (api) =>
      api.rest.repos.getCombinedStatusForRef({ owner, repo, ref }),
    );
    const items = data.statuses.map((s) => ({
      context: s.context,
      state: s.state,
      description: sanitize(s.description ?? ''),
      url: s.target_url ?? null,
    }));
    return listResult(
      `status of ${what} (${data.state})`,
      items,
      (s) => `${s.state} ${s.context}${s.description ? `: ${s.description}` : ''}`,
      undefined,
      { state: data.state, sha: ref },
    );
  }
  const res = await gh(ctx, `check runs of ${what}`, (api) =>
    api.rest.checks.listForRef({ owner, repo, ref, per_page: perPage, page }),
  );
  const items = res.data.check_runs.map((c) => ({
    id: c.id,
    name: c.name,
    status: c.status,
    conclusion: c.conclusion ?? null,
    url: c.html_url ?? null,
  }));
  return listResult(
    `check runs of ${what}`,
    items,
    (c) => `${c.conclusion ?? c.status} ${c.name}`,
    nextCursor(res.headers, page, items.length, perPage),
    { sha: ref },
  );
}

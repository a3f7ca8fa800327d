import { structured, z } from '@bastion-mcp/runtime';
import { listResult } from '../lib/render.js';
import { oneLine } from '../lib/sanitize.js';
import { gh, inRepo, repoInput, tool } from '../tool.js';

export const getLabel = tool({
  name: 'get_label',
  title: 'Get a label',
  description: 'One label of a repository: name, colour, description.',
  kind: 'read',
  openWorld: true,
  toolset: 'issues',
  input: z.object({ ...repoInput, name: z.string().min(1).max(100).describe('Label name') }),
  async handle({ owner, repo, name }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const { data } = await gh(ctx, `label "${name}" of ${full}`, (api) =>
      api.rest.issues.getLabel({ owner, repo, name }),
    );
    const label = { name: data.name, color: data.color, description: oneLine(data.description) };
    return structured(
      label,
      `${label.name} #${label.color}${label.description ? `: ${label.description}` : ''}`,
    );
  },
});

export const listIssueTypes = tool({
  name: 'list_issue_types',
  title: 'List issue types',
  description: "An organisation's issue types (for issue_write's type).",
  kind: 'read',
  openWorld: true,
  toolset: 'issues',
  input: z.object({ owner: z.string().min(1).max(39).describe('Organisation login') }),
  async handle({ owner }, ctx) {
    ctx.state.policy.checkOwner(owner, 'issue types');
    const { data } = await gh(ctx, `issue types of ${owner}`, (api) =>
      api.request('GET /orgs/{org}/issue-types', { org: owner }),
    );
    const items = (data as { name: string; description?: string | null; id: number }[]).map((t) => ({
      id: t.id,
      name: t.name,
      description: oneLine(t.description),
    }));
    return listResult(
      `issue types of ${owner}`,
      items,
      (t) => `${t.name}${t.description ? `: ${t.description}` : ''}`,
      undefined,
    );
  },
});

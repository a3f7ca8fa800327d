import { structured, untrusted, z } from '@bastion-mcp/runtime';
import { oneLine, sanitize } from '../lib/sanitize.js';
import { gh, inRepo, listPage, pageInput, repoInput, tool } from '../tool.js';

/** The state and severity filters that were given. */
const only = <S, V>(state: S | undefined, severity: V | undefined) => ({
  ...(state ? { state } : {}),
  ...(severity ? { severity } : {}),
});

const alertNumber = z.number().int().positive().describe('Alert number');

// biome-ignore lint/suspicious/noExplicitAny: GitHub's alert JSON
const codeAlert = (a: any) => ({
  number: a.number as number,
  state: a.state as string,
  rule: a.rule?.id as string,
  severity: (a.rule?.security_severity_level ?? a.rule?.severity) as string,
  message: oneLine(a.most_recent_instance?.message?.text),
  path: a.most_recent_instance?.location?.path as string,
  line: a.most_recent_instance?.location?.start_line as number,
  url: a.html_url as string,
});
// biome-ignore lint/suspicious/noExplicitAny: GitHub's alert JSON
const depAlert = (a: any) => ({
  number: a.number as number,
  state: a.state as string,
  package: a.dependency?.package?.name as string,
  ecosystem: a.dependency?.package?.ecosystem as string,
  severity: a.security_advisory?.severity as string,
  summary: oneLine(a.security_advisory?.summary),
  ghsa: a.security_advisory?.ghsa_id as string,
  patched: (a.security_vulnerability?.first_patched_version?.identifier as string | undefined) ?? null,
  url: a.html_url as string,
});

export const listCodeScanningAlerts = tool({
  name: 'list_code_scanning_alerts',
  title: 'List code scanning alerts',
  description: 'Code scanning alerts of a repository: rule, severity, location.',
  kind: 'read',
  openWorld: true,
  toolset: 'code_security',
  input: z.object({
    ...repoInput,
    state: z.enum(['open', 'dismissed', 'fixed']).optional().describe('Only alerts in this state'),
    severity: z
      .enum(['critical', 'high', 'medium', 'low', 'warning', 'note', 'error'])
      .optional()
      .describe('Only this severity'),
    ...pageInput,
  }),
  async handle({ owner, repo, state, severity, perPage, cursor }, ctx) {
    return listPage(ctx, {
      source: `code scanning alerts of ${inRepo(ctx, owner, repo)}`,
      perPage,
      cursor,
      send: (api, page) =>
        api.rest.codeScanning.listAlertsForRepo({
          owner,
          repo,
          per_page: perPage,
          page,
          ...only(state, severity),
        }),
      compact: codeAlert,
      line: (a) => `#${a.number} [${a.state}] ${a.severity} ${a.rule} at ${a.path}:${a.line}: ${a.message}`,
    });
  },
});

export const getCodeScanningAlert = tool({
  name: 'get_code_scanning_alert',
  title: 'Get a code scanning alert',
  description: 'One code scanning alert with its rule description.',
  kind: 'read',
  openWorld: true,
  toolset: 'code_security',
  input: z.object({ ...repoInput, alertNumber }),
  async handle({ owner, repo, alertNumber: alert_number }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const { data } = await gh(ctx, `code scanning alert ${alert_number} of ${full}`, (api) =>
      api.rest.codeScanning.getAlert({ owner, repo, alert_number }),
    );
    const alert = { ...codeAlert(data), description: sanitize(data.rule?.description ?? '') };
    return structured(
      alert,
      `#${alert.number} [${alert.state}] ${alert.severity} ${alert.rule} at ${alert.path}:${alert.line}\n${untrusted(`code scanning alert ${alert_number} of ${full}`, `${alert.message}\n${alert.description}`)}`,
    );
  },
});

export const listDependabotAlerts = tool({
  name: 'list_dependabot_alerts',
  title: 'List Dependabot alerts',
  description: 'Dependabot alerts of a repository: package, severity, advisory, patched version.',
  kind: 'read',
  openWorld: true,
  toolset: 'dependabot',
  input: z.object({
    ...repoInput,
    state: z
      .enum(['open', 'fixed', 'dismissed', 'auto_dismissed'])
      .optional()
      .describe('Only alerts in this state'),
    severity: z.enum(['low', 'medium', 'high', 'critical']).optional().describe('Only this severity'),
    ...pageInput,
  }),
  async handle({ owner, repo, state, severity, perPage, cursor }, ctx) {
    return listPage(ctx, {
      source: `Dependabot alerts of ${inRepo(ctx, owner, repo)}`,
      perPage,
      cursor,
      send: (api, page) =>
        api.rest.dependabot.listAlertsForRepo({
          owner,
          repo,
          per_page: perPage,
          page,
          ...only(state, severity),
        }),
      compact: depAlert,
      line: (a) =>
        `#${a.number} [${a.state}] ${a.severity} ${a.ecosystem}/${a.package}: ${a.summary}${a.patched ? ` (patched in ${a.patched})` : ''}`,
    });
  },
});

export const getDependabotAlert = tool({
  name: 'get_dependabot_alert',
  title: 'Get a Dependabot alert',
  description: 'One Dependabot alert with its advisory.',
  kind: 'read',
  openWorld: true,
  toolset: 'dependabot',
  input: z.object({ ...repoInput, alertNumber }),
  async handle({ owner, repo, alertNumber: alert_number }, ctx) {
    const full = inRepo(ctx, owner, repo);
    const { data } = await gh(ctx, `Dependabot alert ${alert_number} of ${full}`, (api) =>
      api.rest.dependabot.getAlert({ owner, repo, alert_number }),
    );
    const alert = { ...depAlert(data), description: sanitize(data.security_advisory.description) };
    return structured(
      alert,
      `#${alert.number} [${alert.state}] ${alert.severity} ${alert.package} ${alert.ghsa}${alert.patched ? `, patched in ${alert.patched}` : ''}\n${untrusted(`advisory ${alert.ghsa}`, alert.description)}`,
    );
  },
});

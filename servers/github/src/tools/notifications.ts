import { accessDenied, invalidInput, notFound, structured, z } from '@bastion-mcp/runtime';
import { listResult, writeResult } from '../lib/render.js';
import { oneLine } from '../lib/sanitize.js';
import { type Ctx, gh, inRepo, nextCursor, pageInput, pageOf, tool } from '../tool.js';

// biome-ignore lint/suspicious/noExplicitAny: GitHub's thread JSON
const compact = (n: any) => ({
  id: String(n.id),
  repository: n.repository.full_name as string,
  type: n.subject.type as string,
  title: oneLine(n.subject.title),
  reason: n.reason as string,
  unread: Boolean(n.unread),
  updated_at: n.updated_at as string,
});

type Thread = { id: string | number; repository: { full_name: string } };

function checkRepo(ctx: Ctx, fullName: string) {
  const [owner, repo] = fullName.split('/');
  if (!ctx.state.policy.allows(owner ?? '', repo ?? ''))
    throw accessDenied(`that notification is about ${fullName}, outside --repos.`);
}

const remember = (ctx: Ctx, threads: readonly Thread[]) => {
  for (const n of threads) ctx.state.threads.remember(String(n.id), n.repository.full_name);
};

/** How far the user-wide list is paged to find a thread's repository. */
const LOOKUP_PAGES = 20;
/** GitHub's largest page of notifications. */
const LOOKUP_PER_PAGE = 50;

/**
 * Under --repos a thread's repository is checked before the thread is touched: known from a list
 * read earlier, else found by paging the user-wide list (not a request about any repository).
 */
async function checkThreadId(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.state.policy.restricted) return;
  let repo = ctx.state.threads.get(id);
  let more = true;
  for (let page = 1; !repo && more && page <= LOOKUP_PAGES; page++) {
    const res = await gh(ctx, 'your notifications', (api) =>
      api.rest.activity.listNotificationsForAuthenticatedUser({ all: true, per_page: LOOKUP_PER_PAGE, page }),
    );
    remember(ctx, res.data);
    repo = ctx.state.threads.get(id);
    more = nextCursor(res.headers, page, res.data.length, LOOKUP_PER_PAGE) !== undefined;
  }
  if (!repo) {
    const where = more
      ? `your ${LOOKUP_PAGES * LOOKUP_PER_PAGE} most recent notifications`
      : 'your notifications';
    throw notFound(
      `notification ${id} is not among ${where}, so its repository cannot be checked against --repos.`,
      'Use a thread ID from list_notifications.',
    );
  }
  checkRepo(ctx, repo);
}

export const listNotifications = tool({
  name: 'list_notifications',
  title: 'List notifications',
  description:
    'Your notifications (unread by default). Under --repos, only those about allowed repositories.',
  kind: 'read',
  openWorld: true,
  toolset: 'notifications',
  input: z.object({
    filter: z
      .enum(['default', 'include_read_notifications', 'only_participating'])
      .default('default')
      .describe('Which notifications'),
    since: z
      .string()
      .datetime({ offset: true })
      .optional()
      .describe('Only updated at or after this ISO 8601 time'),
    owner: z.string().max(39).optional().describe('Only this repository (with repo)'),
    repo: z.string().max(100).optional().describe('Only this repository (with owner)'),
    ...pageInput,
  }),
  async handle(input, ctx) {
    const page = pageOf(input.cursor);
    const common = {
      per_page: input.perPage,
      page,
      all: input.filter === 'include_read_notifications',
      participating: input.filter === 'only_participating',
      ...(input.since ? { since: input.since } : {}),
    };
    if (!input.owner !== !input.repo) throw invalidInput('owner and repo go together.');
    const res =
      input.owner && input.repo
        ? await gh(ctx, `notifications of ${inRepo(ctx, input.owner, input.repo)}`, (api) =>
            api.rest.activity.listRepoNotificationsForAuthenticatedUser({
              owner: input.owner as string,
              repo: input.repo as string,
              ...common,
            }),
          )
        : await gh(ctx, 'your notifications', (api) =>
            api.rest.activity.listNotificationsForAuthenticatedUser(common),
          );
    remember(ctx, res.data);
    const items = res.data
      .filter((n) => {
        const [o, r] = n.repository.full_name.split('/');
        return ctx.state.policy.allows(o ?? '', r ?? '');
      })
      .map(compact);
    return listResult(
      'your notifications',
      items,
      (n) => `${n.id} ${n.unread ? '*' : ' '} ${n.repository} ${n.type}: ${n.title} (${n.reason})`,
      nextCursor(res.headers, page, res.data.length, input.perPage),
    );
  },
});

export const getNotificationDetails = tool({
  name: 'get_notification_details',
  title: 'Get a notification',
  description: 'One notification thread by ID.',
  kind: 'read',
  openWorld: true,
  toolset: 'notifications',
  input: z.object({
    notificationID: z.string().regex(/^\d+$/).describe('Thread ID from list_notifications'),
  }),
  async handle({ notificationID }, ctx) {
    await checkThreadId(ctx, notificationID);
    const { data } = await gh(ctx, `notification ${notificationID}`, (api) =>
      api.rest.activity.getThread({ thread_id: Number(notificationID) }),
    );
    checkRepo(ctx, data.repository.full_name);
    const n = compact(data);
    return structured(
      n,
      `${n.repository} ${n.type}: ${n.title} (${n.reason}, ${n.unread ? 'unread' : 'read'})`,
    );
  },
});

export const dismissNotification = tool({
  name: 'dismiss_notification',
  title: 'Dismiss a notification',
  description: 'Mark a notification thread read, or done (removed from the inbox).',
  kind: 'write',
  openWorld: true,
  toolset: 'notifications',
  input: z.object({
    threadID: z.string().regex(/^\d+$/).describe('Thread ID'),
    state: z.enum(['read', 'done']).default('read').describe('read or done'),
  }),
  async handle({ threadID, state }, ctx) {
    await checkThreadId(ctx, threadID);
    const thread_id = Number(threadID);
    if (state === 'done')
      await gh(ctx, `notification ${threadID}`, (api) => api.rest.activity.markThreadAsDone({ thread_id }));
    else
      await gh(ctx, `notification ${threadID}`, (api) => api.rest.activity.markThreadAsRead({ thread_id }));
    return writeResult(`Marked ${threadID} ${state}`, {
      id: threadID,
      url: `${ctx.state.host.web}/notifications`,
    });
  },
});

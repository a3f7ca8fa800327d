import { cursorField, decodeCursor, encodeCursor, structured, untrusted, z } from '@bastion-mcp/runtime';
import type { Google } from '../lib/google.js';
import { type Ctx, fileFor, fileIdField, resolveShortcut, tool, withDrive } from '../tool.js';

const pageCursor = z.object({ t: z.string(), f: z.string() });
const input = z.object({
  fileId: fileIdField,
  pageSize: z.number().int().min(1).max(100).default(50).describe('Entries per page'),
  cursor: cursorField,
});

/** Pages one of a file's sub-lists; the cursor is bound to the file. */
function cursorFor(fileId: string, cursor: string | undefined) {
  const previous = decodeCursor(cursor, pageCursor);
  return previous && previous.f === fileId ? { pageToken: previous.t } : {};
}
const nextOf = (fileId: string, token: string | null | undefined) =>
  token ? encodeCursor({ t: token, f: fileId }) : undefined;

type Args = z.infer<typeof input>;
interface PageRequest {
  fileId: string;
  pageSize: number;
  pageToken?: string;
}

/** One page of a file's sub-list (permissions, comments, revisions), the file checked against --roots first. */
async function filePage<R extends { nextPageToken?: string | null }>(
  ctx: Ctx,
  args: Args,
  what: string,
  list: (g: Google, page: PageRequest) => Promise<{ data: R }>,
): Promise<{ id: string; data: R; next: string | undefined; note: string }> {
  // A shortcut has no comments or revisions of its own: its target's are meant (checked too).
  const found = await fileFor(ctx, 'fileId', args.fileId, 'id,name,mimeType,shortcutDetails');
  const { file, note } = await resolveShortcut(ctx, 'fileId', found);
  const id = file.id as string;
  const res = await withDrive(ctx, `${what} of ${id}`, (g) =>
    list(g, { fileId: id, pageSize: args.pageSize, ...cursorFor(id, args.cursor) }),
  );
  return { id, data: res.data, next: nextOf(id, res.data.nextPageToken), note };
}

const more = (next: string | undefined) => (next ? `\nMore: cursor "${next}".` : '');

export const getPermissions = tool({
  name: 'get_permissions',
  title: 'Who can access a file',
  description:
    'List who has access to a file and with what role (owner, writer, commenter, reader; users, groups, domains, anyone).',
  kind: 'read',
  openWorld: true,
  input,
  async handle(args, ctx) {
    const { data, next, note } = await filePage(ctx, args, 'permissions', (g, page) =>
      g.drive.permissions.list(
        {
          ...page,
          supportsAllDrives: true,
          fields: 'nextPageToken,permissions(id,type,role,emailAddress,domain,displayName,deleted)',
        },
        { signal: ctx.signal },
      ),
    );
    const perms = data.permissions ?? [];
    const lines = perms.map(
      (p) =>
        `${p.role} | ${p.type} | ${p.emailAddress ?? p.domain ?? (p.type === 'anyone' ? 'anyone with the link' : '')} | permission id ${p.id}`,
    );
    return structured(
      {
        permissions: perms.map((p) => ({
          id: p.id ?? '',
          role: p.role ?? '',
          type: p.type ?? '',
          emailAddress: p.emailAddress ?? null,
          domain: p.domain ?? null,
        })),
        ...(next ? { nextCursor: next } : {}),
      },
      `${note}${lines.join('\n') || 'No permissions listed (shared drive members inherit access).'}${more(next)}`,
    );
  },
});

export const listComments = tool({
  name: 'list_comments',
  title: 'Comments on a file',
  description:
    'List the comments (and replies) on a file, with author, time, resolved state and the quoted text.',
  kind: 'read',
  openWorld: true,
  input,
  async handle(args, ctx) {
    const { id, data, next, note } = await filePage(ctx, args, 'comments', (g, page) =>
      g.drive.comments.list(
        {
          ...page,
          fields:
            'nextPageToken,comments(id,content,author(displayName,emailAddress),createdTime,resolved,quotedFileContent(value),replies(content,author(displayName),createdTime))',
        },
        { signal: ctx.signal },
      ),
    );
    const comments = data.comments ?? [];
    const lines = comments.map((c) => {
      const head = `[${c.id}] ${c.author?.displayName ?? 'someone'} at ${c.createdTime}${c.resolved ? ' (resolved)' : ''}: ${c.content}`;
      const quoted = c.quotedFileContent?.value ? `\n  on: "${c.quotedFileContent.value}"` : '';
      const replies = (c.replies ?? [])
        .map((r) => `\n  reply by ${r.author?.displayName ?? 'someone'} at ${r.createdTime}: ${r.content}`)
        .join('');
      return `${head}${quoted}${replies}`;
    });
    return structured(
      {
        comments: comments.map((c) => ({
          id: c.id ?? '',
          author: c.author?.displayName ?? null,
          createdTime: c.createdTime ?? null,
          resolved: Boolean(c.resolved),
          content: c.content ?? '',
        })),
        ...(next ? { nextCursor: next } : {}),
      },
      `${note}${lines.length ? untrusted(`comments on Google Drive file ${id}`, lines.join('\n')) : 'No comments.'}${more(next)}`,
    );
  },
});

export const listRevisions = tool({
  name: 'list_revisions',
  title: 'Revisions of a file',
  description: 'List the stored revisions of a file: id, time, who modified it and size.',
  kind: 'read',
  openWorld: true,
  input,
  async handle(args, ctx) {
    const { id, data, next, note } = await filePage(ctx, args, 'revisions', (g, page) =>
      g.drive.revisions.list(
        {
          ...page,
          fields:
            'nextPageToken,revisions(id,modifiedTime,lastModifyingUser(displayName,emailAddress),size,keepForever)',
        },
        { signal: ctx.signal },
      ),
    );
    const revisions = data.revisions ?? [];
    const lines = revisions.map(
      (r) =>
        `${r.id} | ${r.modifiedTime} | ${r.lastModifyingUser?.emailAddress ?? r.lastModifyingUser?.displayName ?? ''}${r.size ? ` | ${r.size} bytes` : ''}`,
    );
    return structured(
      {
        revisions: revisions.map((r) => ({
          id: r.id ?? '',
          modifiedTime: r.modifiedTime ?? null,
          modifiedBy: r.lastModifyingUser?.emailAddress ?? null,
        })),
        ...(next ? { nextCursor: next } : {}),
      },
      // A user's display name is free text anyone can set: untrusted like file names.
      `${note}${lines.length ? untrusted(`revisions of Google Drive file ${id}`, lines.join('\n')) : 'No revisions.'}${more(next)}`,
    );
  },
});

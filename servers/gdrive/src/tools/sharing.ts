import { invalidInput, text, z } from '@bastion-mcp/runtime';
import { fileFor, fileIdField, tool, withDrive } from '../tool.js';

export const shareFile = tool({
  name: 'share_file',
  title: 'Share a file',
  description:
    'Give a user, group, domain or anyone with the link access to a file (reader, commenter or writer; never ownership). Sharing moves data out: use only when asked.',
  kind: 'destructive',
  openWorld: true,
  toolset: 'sharing',
  input: z.object({
    fileId: fileIdField,
    type: z
      .enum(['user', 'group', 'domain', 'anyone'])
      .describe('Who: a user or group (emailAddress), a domain, or anyone with the link'),
    role: z.enum(['reader', 'commenter', 'writer']).describe('What they may do'),
    emailAddress: z.string().email().optional().describe('For type user or group'),
    domain: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i)
      .optional()
      .describe('For type domain'),
    notify: z.boolean().default(false).describe('Send Google’s notification email (users and groups)'),
  }),
  async handle(input, ctx) {
    const needsEmail = input.type === 'user' || input.type === 'group';
    if (needsEmail && !input.emailAddress)
      throw invalidInput(`emailAddress is required for type ${input.type}.`);
    if (input.type === 'domain' && !input.domain) throw invalidInput('domain is required for type domain.');
    const file = await fileFor(ctx, 'fileId', input.fileId, 'id,name,parents,driveId');
    const perm = await withDrive(ctx, `file ${file.id}`, async (g) => {
      const res = await g.drive.permissions.create(
        {
          fileId: file.id as string,
          supportsAllDrives: true,
          fields: 'id,type,role,emailAddress,domain',
          ...(needsEmail ? { sendNotificationEmail: input.notify } : {}),
          requestBody: {
            type: input.type,
            role: input.role,
            ...(needsEmail ? { emailAddress: input.emailAddress } : {}),
            ...(input.type === 'domain' ? { domain: input.domain } : {}),
          },
        },
        { signal: ctx.signal },
      );
      return res.data;
    });
    const who = perm.emailAddress ?? perm.domain ?? 'anyone with the link';
    return text(`Shared file ${file.id} with ${who} as ${perm.role} (permission id ${perm.id}).`);
  },
});

export const removePermission = tool({
  name: 'remove_permission',
  title: 'Remove access to a file',
  description: 'Remove one permission from a file (get_permissions lists their ids).',
  kind: 'destructive',
  openWorld: true,
  toolset: 'sharing',
  input: z.object({
    fileId: fileIdField,
    permissionId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, 'a permission id from get_permissions')
      .describe('Permission id from get_permissions'),
  }),
  async handle(input, ctx) {
    const file = await fileFor(ctx, 'fileId', input.fileId, 'id,name,parents,driveId');
    await withDrive(ctx, `permission ${input.permissionId} of ${file.id}`, (g) =>
      g.drive.permissions.delete(
        { fileId: file.id as string, permissionId: input.permissionId, supportsAllDrives: true },
        { signal: ctx.signal },
      ),
    );
    return text(`Removed permission ${input.permissionId} from file ${file.id}.`);
  },
});

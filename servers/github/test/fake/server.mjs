// A local fake GitHub (GHES layout: REST under /api/v3) for tests and the demo: node:http on
// 127.0.0.1, state in memory, GitHub's paths, status codes, headers and JSON shapes. The real
// @octokit/rest talks to it. Every answer is logged with its OpenAPI path template so a test can
// validate the shapes against GitHub's published description.
import http from 'node:http';
import { graphql } from './graphql.mjs';
import { routes } from './routes.mjs';
import { buildState } from './state.mjs';

/**
 * Starts the fake. `seed` describes users, tokens, repositories and their contents (see seed.mjs).
 * Returns its origin (pass as --host), the live state, the request log and fault injection.
 */
export async function startFake(seed) {
  const state = buildState(seed);
  const requests = [];
  const responses = [];
  const faults = [];
  const graphqlLog = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      handle(req, res, raw).catch((error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake failed: ${error.message}` }));
      });
    });
  });

  async function handle(req, res, raw) {
    const url = new URL(req.url, 'http://fake');
    const method = req.method;
    const entry = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      repo: undefined,
    };
    requests.push(entry);
    const send = (status, body, headers = {}, template) => {
      const user = state.userOfToken(req.headers.authorization);
      const baseHeaders = {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-used': '1',
        'x-ratelimit-resource': url.pathname.includes('/search/') ? 'search' : 'core',
        'x-github-api-version-selected': '2022-11-28',
        ...(user && state.scopes[user.token] !== undefined
          ? { 'x-oauth-scopes': state.scopes[user.token] }
          : {}),
      };
      if (typeof body === 'string') {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...baseHeaders, ...headers });
        res.end(body);
        return;
      }
      responses.push({ method, template, status, body });
      if (status === 204 || body === undefined) {
        res.writeHead(status, { ...baseHeaders, ...headers });
        res.end();
        return;
      }
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        ...baseHeaders,
        ...headers,
      });
      res.end(JSON.stringify(body));
    };

    if (url.pathname === '/api/graphql' && method === 'POST') {
      // A fault on path /graphql answers the next GraphQL request.
      const fault = faults.find((f) => f.path.test('/graphql') && f.times > 0);
      if (fault) {
        fault.times--;
        return send(fault.status, fault.body ?? { message: 'fault' }, fault.headers ?? {}, 'graphql');
      }
      const user = state.userOfToken(req.headers.authorization);
      if (!user) return send(401, { message: 'Bad credentials' }, {}, 'graphql');
      const body = JSON.parse(raw || '{}');
      graphqlLog.push(body);
      return send(200, graphql(state, user, body), {}, 'graphql');
    }
    if (url.pathname.startsWith('/_logs/')) {
      // Where the logs redirect points (GitHub signs such URLs; the fake serves the job's log).
      const id = Number(url.pathname.split('/').pop());
      for (const repo of state.repos.values())
        for (const run of repo.runs)
          for (const job of run.jobs) if (job.id === id) return send(200, job.log ?? '');
      return send(404, 'no such log');
    }
    if (!url.pathname.startsWith('/api/v3/')) return send(404, { message: 'Not Found' });
    const path = url.pathname.slice('/api/v3'.length);
    const fault = faults.find((f) => (!f.method || f.method === method) && f.path.test(path) && f.times > 0);
    if (fault?.hang) {
      // Never answers; notes when the client gives up (a cancelled call aborts its request).
      fault.times--;
      fault.seen = true;
      res.on('close', () => {
        fault.closed = true;
      });
      return;
    }
    if (fault) {
      fault.times--;
      return send(fault.status, fault.body ?? { message: 'fault' }, fault.headers ?? {});
    }
    const user = state.userOfToken(req.headers.authorization);
    if (!user) {
      return send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }
    let body;
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return send(400, { message: 'Problems parsing JSON' });
    }
    for (const route of routes) {
      if (route.method !== method) continue;
      const params = match(route.template, path);
      if (!params) continue;
      if (params.owner && params.repo) entry.repo = `${params.owner}/${params.repo}`.toLowerCase();
      const ctx = {
        state,
        user,
        params,
        path,
        query: url.searchParams,
        body,
        accept: req.headers.accept ?? '',
        api: `${origin()}/api/v3`,
        web: origin(),
        send: (status, out, headers) => send(status, out, headers, route.template),
      };
      return route.handle(ctx);
    }
    return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = () => `http://127.0.0.1:${server.address().port}`;
  return {
    origin: origin(),
    state,
    requests,
    responses,
    /** Every GraphQL document and its variables, as sent. */
    graphqlLog,
    /** Answers the next `times` requests matching `path` (a RegExp on the path after /api/v3, or /graphql). */
    fail(fault) {
      const stored = { times: 1, ...fault };
      faults.push(stored);
      return stored;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Matches an OpenAPI path template; the last parameter of `{path}`/`{ref}` routes takes the rest. */
function match(template, path) {
  const want = template.split('/');
  const got = path.split('/');
  const params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    const g = got[i];
    if (g === undefined && w === '{path}' && i === want.length - 1) return { ...params, path: '' };
    if (g === undefined) return undefined;
    if (w.startsWith('{')) {
      const name = w.slice(1, -1);
      const greedy =
        i === want.length - 1 && (name === 'path' || (name === 'ref' && template.includes('/git/')));
      const value = greedy ? got.slice(i).join('/') : g;
      if (!value && !(greedy && name === 'path')) return undefined;
      params[name] = decodeURIComponent(value);
      if (greedy) return params;
    } else if (w !== g) return undefined;
  }
  return got.length === want.length ? params : undefined;
}

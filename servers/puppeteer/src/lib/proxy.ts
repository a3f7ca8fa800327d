import { lookup } from 'node:dns/promises';
import http from 'node:http';
import { isIP, type Socket, connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { UrlPolicy, Verdict } from './url-policy.js';

/** A request the proxy refused, for browser_network_requests. */
export interface BlockedRequest {
  url: string;
  hostPort: string;
  rule: string;
  fix: string;
  time: number;
}

export const BLOCK_HEADER = 'x-bastion-blocked';
export const BLOCK_FIX_HEADER = 'x-bastion-blocked-fix';
const MAX_BLOCKED = 500;

/**
 * The browser's only way out: an HTTP proxy (plain requests, CONNECT tunnels, WebSocket upgrades)
 * that checks each origin, resolves the host itself, checks every address it would use, and
 * connects to the checked address, so DNS cannot change between check and use.
 */
export class PolicyProxy {
  readonly blocked: BlockedRequest[] = [];
  private server: http.Server | undefined;
  private sockets = new Set<Duplex>();

  constructor(private readonly policy: UrlPolicy) {}

  async start(): Promise<number> {
    const server = http.createServer((req, res) => void this.onRequest(req, res));
    server.on('connect', (req, socket, head) => void this.onConnect(req, socket, head));
    server.on('upgrade', (req, socket, head) => void this.onUpgrade(req, socket, head));
    server.on('connection', (socket) => this.track(socket));
    server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return (server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Checks the origin, resolves, checks the addresses; returns the address to dial or a refusal. */
  async decide(
    scheme: 'http' | 'https' | undefined,
    host: string,
    port: number,
  ): Promise<Verdict & { address?: string }> {
    const bare = host.replace(/^\[|\]$/g, '');
    const first = this.policy.checkOrigin(scheme, bare, port);
    if (!first.ok) return first;
    let addresses: string[];
    try {
      addresses = isIP(bare)
        ? [bare]
        : (await lookup(bare, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return { ok: false, rule: `${bare} could not be resolved`, fix: 'Check the host name.' };
    }
    let refusal: Verdict | undefined;
    for (const address of addresses) {
      const verdict = this.policy.checkAddress(address, scheme, bare, port);
      if (verdict.ok) return { ok: true, address };
      refusal ??= verdict;
    }
    return refusal ?? { ok: false, rule: `${bare} has no address`, fix: 'Check the host name.' };
  }

  private record(url: string, hostPort: string, verdict: Verdict) {
    if (verdict.ok) return;
    this.blocked.push({ url, hostPort, rule: verdict.rule, fix: verdict.fix, time: Date.now() });
    if (this.blocked.length > MAX_BLOCKED) this.blocked.shift();
  }

  private track(socket: Duplex) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse) {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
      if (url.protocol !== 'http:') throw new Error('scheme');
    } catch {
      res.writeHead(400).end('Bastion proxy: absolute http:// URLs only');
      return;
    }
    const port = Number(url.port || 80);
    const verdict = await this.decide('http', url.hostname, port);
    if (!verdict.ok || !verdict.address) {
      this.record(url.href, `${url.hostname}:${port}`, verdict);
      const rule = verdict.ok ? 'no address' : verdict.rule;
      const fix = verdict.ok ? 'Check the host name.' : verdict.fix;
      res.writeHead(403, {
        'content-type': 'text/plain',
        [BLOCK_HEADER]: encodeURIComponent(rule),
        [BLOCK_FIX_HEADER]: encodeURIComponent(fix),
      });
      res.end(`Blocked by the Bastion URL policy: ${rule}`);
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = http.request(
      {
        host: verdict.address,
        port,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers,
        setHost: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  }

  private async onConnect(req: http.IncomingMessage, socket: Duplex, head: Buffer) {
    this.track(socket);
    const target = parseHostPort(req.url ?? '');
    if (!target) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    // A tunnel carries https or wss; the scheme is unknown here, so patterns of either match.
    const verdict = await this.decide(undefined, target.host, target.port);
    if (!verdict.ok || !verdict.address) {
      this.record(`${target.host}:${target.port}`, `${target.host}:${target.port}`, verdict);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = this.dial(verdict.address, target.port, socket);
    upstream.once('connect', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
  }

  private async onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer) {
    this.track(socket);
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      socket.destroy();
      return;
    }
    const port = Number(url.port || 80);
    const verdict = await this.decide('http', url.hostname, port);
    if (!verdict.ok || !verdict.address) {
      this.record(url.href, `${url.hostname}:${port}`, verdict);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = this.dial(verdict.address, port, socket);
    upstream.once('connect', () => {
      const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i] ?? '';
        if (!/^proxy-/i.test(name)) lines.push(`${name}: ${req.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
  }

  private dial(address: string, port: number, client: Duplex): Socket {
    const upstream = tcpConnect({ host: address, port });
    this.track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    return upstream;
  }
}

function parseHostPort(text: string): { host: string; port: number } | undefined {
  const match = /^(.+):(\d{1,5})$/.exec(text);
  if (!match) return undefined;
  try {
    // The URL parser normalises alternate spellings (decimal, hex, octal IPv4; IPv6 forms).
    const host = new URL(`http://${match[1]}`).hostname.replace(/^\[|\]$/g, '');
    return { host, port: Number(match[2]) };
  } catch {
    return undefined;
  }
}

import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';

const MAX_REDIRECTS = 5;

interface StreamInit {
  method?: string;
  headers?: Headers | Record<string, string>;
  signal?: AbortSignal | null;
  agent?: http.Agent;
}

/**
 * A minimal fetch for streamed downloads, on node:http: its body is the response as a Node stream,
 * so backpressure reaches the socket and chunks come from Node's pooled buffers. Node's own fetch
 * (undici) let a 30 MB download grow the process by 40-60 MB of not-yet-collected chunks; this keeps
 * it near 30 (measured in bench/run.mjs). Used for media downloads only, through gaxios's
 * per-request `fetchImplementation`; everything else uses Node's fetch.
 */
export function streamingFetch(
  input: string | URL,
  init: StreamInit = {},
  redirects = 0,
): Promise<StreamResponse> {
  const url = new URL(input);
  const headers = Object.fromEntries(
    init.headers instanceof Headers ? init.headers : Object.entries(init.headers ?? {}),
  );
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: init.method ?? 'GET',
        headers,
        ...(init.signal ? { signal: init.signal } : {}),
        ...(init.agent ? { agent: init.agent } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && location && redirects < MAX_REDIRECTS) {
          res.resume();
          const next = new URL(location, url);
          // Credentials never follow a redirect to another host, nor over plain http.
          const sameHost = next.host === url.host && next.protocol === url.protocol;
          const nextHeaders = sameHost
            ? headers
            : Object.fromEntries(
                Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'),
              );
          resolve(streamingFetch(next, { ...init, headers: nextHeaders }, redirects + 1));
          return;
        }
        resolve(new StreamResponse(res, url));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

class StreamResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers = new Headers();
  readonly redirected = false;
  readonly url: string;

  constructor(
    readonly body: http.IncomingMessage & Readable,
    url: URL,
  ) {
    this.status = body.statusCode ?? 0;
    this.ok = this.status >= 200 && this.status < 300;
    this.statusText = body.statusMessage ?? '';
    this.url = url.href;
    for (const [key, value] of Object.entries(body.headers)) {
      if (value !== undefined) this.headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.body) chunks.push(chunk as Buffer);
    const all = Buffer.concat(chunks);
    return all.buffer.slice(all.byteOffset, all.byteOffset + all.length) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return Buffer.from(await this.arrayBuffer()).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

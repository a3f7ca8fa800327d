export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** owner/name (lower case) for repository routes. */
  repo: string | undefined;
}
export interface FakeResponse {
  method: string;
  template: string | undefined;
  status: number;
  body: unknown;
}
export interface Fault {
  method?: string;
  path: RegExp;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  times?: number;
  /** Never answer; `seen` and `closed` report the request's fate. */
  hang?: boolean;
  seen?: boolean;
  closed?: boolean;
}
export interface Fake {
  origin: string;
  // biome-ignore lint/suspicious/noExplicitAny: the fake's state is plain JS
  state: any;
  requests: FakeRequest[];
  responses: FakeResponse[];
  graphqlLog: { query: string; variables?: Record<string, unknown> }[];
  /** Queues a fault; the returned object is the one the fake updates (seen, closed). */
  fail(fault: Fault): Fault;
  close(): Promise<void>;
}
// biome-ignore lint/suspicious/noExplicitAny: seeds are plain JS objects
export type Seed = any;
export function startFake(seed: Seed): Promise<Fake>;
export function defaultSeed(): Seed;
export const TOKENS: { alice: string; mallory: string; fine: string; bare: string };
/** Every REST route the fake serves, by method and OpenAPI path template. */
export const routes: { method: string; template: string }[];
/** A repository's JSON (api origin, web origin, repository and owner from `state`). */
// biome-ignore lint/suspicious/noExplicitAny: the fake's state is plain JS
export function fullRepo(api: string, web: string, repo: any, owner: any): Record<string, unknown>;

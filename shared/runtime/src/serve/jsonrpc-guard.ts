import { type JSONRPCMessage, parseJSONRPCMessage } from '@modelcontextprotocol/server';

/** JSON-RPC 2.0 error codes the guard answers with. */
export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;
export const INVALID_PARAMS = -32602;

type Id = string | number | null;

/**
 * Deepest nesting accepted. Validators recurse, so a message nested thousands deep can overflow the
 * stack inside the SDK; no MCP message or tool input needs anywhere near this many levels.
 */
export const MAX_DEPTH = 256;

export interface Rejection {
  id: Id;
  code: number;
  message: string;
}

export type Checked = { message: JSONRPCMessage } | { reject: Rejection } | { ignore: true };

/**
 * Checks one inbound JSON-RPC text before the SDK sees it. The SDK drops anything it cannot parse
 * without a word, so a client that sent an id would wait forever; here every malformed message
 * gets the JSON-RPC 2.0 answer: -32700 for unparseable text, -32600 for a malformed envelope (with
 * its id when it has a usable one), -32602 for params that are not an object.
 */
export function checkMessage(text: string): Checked {
  if (text.trim() === '') return { ignore: true };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return reject(
      null,
      PARSE_ERROR,
      'Parse error: the message is not valid JSON. Send one JSON-RPC object per line.',
    );
  }
  return checkValue(value);
}

/** The same checks on an already parsed body (HTTP). */
export function checkValue(value: unknown): Checked {
  if (Array.isArray(value)) {
    return reject(
      null,
      INVALID_REQUEST,
      'Invalid Request: batches are not supported by MCP; send one message at a time.',
    );
  }
  if (typeof value !== 'object' || value === null) {
    return reject(null, INVALID_REQUEST, 'Invalid Request: a JSON-RPC message must be an object.');
  }
  const msg = value as Record<string, unknown>;
  const id = usableId(msg.id);
  if ('id' in msg && id === null) {
    return reject(null, INVALID_REQUEST, 'Invalid Request: "id" must be a string or an integer.');
  }
  if (msg.jsonrpc !== '2.0')
    return reject(id, INVALID_REQUEST, 'Invalid Request: "jsonrpc" must be exactly "2.0".');
  if ('method' in msg) {
    if (typeof msg.method !== 'string' || msg.method === '') {
      return reject(id, INVALID_REQUEST, 'Invalid Request: "method" must be a non-empty string.');
    }
    const params = msg.params;
    if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
      return reject(id, INVALID_PARAMS, `Invalid params: "params" of ${msg.method} must be an object.`);
    }
  } else if (!('result' in msg) && !('error' in msg)) {
    return reject(
      id,
      INVALID_REQUEST,
      'Invalid Request: the message has no "method" (nor is it a response).',
    );
  }
  if (depthOver(msg, MAX_DEPTH)) {
    return reject(id, INVALID_REQUEST, `Invalid Request: the message nests deeper than ${MAX_DEPTH} levels.`);
  }
  try {
    return { message: parseJSONRPCMessage(value) };
  } catch {
    return reject(
      id,
      INVALID_REQUEST,
      'Invalid Request: the message is not a well-formed JSON-RPC 2.0 message.',
    );
  }
}

/** A rejection as the JSON-RPC error response sent back. */
export function errorResponse(r: Rejection): JSONRPCMessage {
  return {
    jsonrpc: '2.0',
    id: r.id,
    error: { code: r.code, message: r.message },
  } as unknown as JSONRPCMessage;
}

/** Whether `value` nests deeper than `max`, found without recursion. */
function depthOver(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

function reject(id: Id, code: number, message: string): Checked {
  return { reject: { id, code, message } };
}

function usableId(id: unknown): Id {
  if (typeof id === 'string') return id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return id;
  return null;
}

/**
 * Reads the top-level "id" from the start of a message too large to parse, so the error can
 * carry it. Scans only the prefix, tracking strings and nesting; null when not found there.
 */
export function idFromPrefix(prefix: string): Id {
  let depth = 0;
  let i = 0;
  while (i < prefix.length) {
    const c = prefix[i];
    if (c === '"') {
      const end = stringEnd(prefix, i);
      if (end < 0) return null;
      if (depth === 1 && prefix.slice(i, end + 1) === '"id"') {
        // A number needs its terminator in view: the prefix may have cut it short.
        const rest = /^\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?=\s*[,}]))/.exec(prefix.slice(end + 1));
        if (!rest?.[1]) return null;
        return usableId(JSON.parse(rest[1]));
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return null;
}

function stringEnd(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import type { FakeResponse } from './fake/index.mjs';

const require = createRequire(import.meta.url);

/** OpenAPI 3.0's `nullable: true` becomes JSON Schema's null type (in place). */
function rewriteNullable(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteNullable(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  for (const value of Object.values(schema)) rewriteNullable(value);
  if (schema.nullable !== true) return;
  delete schema.nullable;
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum)) schema.enum = [...schema.enum, null];
  } else {
    const copy = { ...schema };
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [copy, { type: 'null' }];
  }
}

export interface Description {
  name: string;
  check(response: FakeResponse): string | undefined;
}

/** Loads one of @octokit/openapi's descriptions and validates responses against it. */
export function loadDescription(file: string): Description {
  const doc = require(`@octokit/openapi/generated/${file}`) as {
    components: { responses: Record<string, { content?: unknown }> };
    paths: Record<
      string,
      Record<string, { responses: Record<string, { $ref?: string; content?: unknown }> }>
    >;
  };
  rewriteNullable(doc);
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
  ajv.addSchema(doc as object, 'gh');
  const cache = new Map<string, ValidateFunction>();
  return {
    name: file,
    check(response) {
      const { template, method, status } = response;
      if (!template) return `${method} (no route) has no template`;
      const operation = doc.paths[template]?.[method.toLowerCase()];
      if (!operation) return `${method} ${template} is not in ${file}`;
      let answer = operation.responses[String(status)] as { $ref?: string; content?: unknown } | undefined;
      if (!answer) return `${method} ${template} ${status} is not a documented status in ${file}`;
      let base = `#/paths/${template.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${status}`;
      if (answer.$ref) {
        base = answer.$ref;
        answer = doc.components.responses[answer.$ref.split('/').pop() as string];
      }
      if (!answer) return `${method} ${template} ${status}: unresolved response`;
      if (!answer.content)
        return response.body === undefined ? undefined : `${method} ${template} ${status} documents no body`;
      const key = `${template}|${method}|${status}`;
      let validate = cache.get(key);
      if (!validate) {
        validate = ajv.compile({ $ref: `gh${base}/content/application~1json/schema` });
        cache.set(key, validate);
      }
      if (validate(response.body)) return undefined;
      const first = validate.errors?.[0];
      return `${method} ${template} ${status}: ${first?.instancePath} ${first?.message} ${JSON.stringify(first?.params)}`;
    },
  };
}

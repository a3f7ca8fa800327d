import fc from 'fast-check';

type JsonSchema = Record<string | symbol, unknown>;

/** Marks a property whose arbitrary is given (SchemaFuzzOptions.fields) rather than derived. */
export const OVERRIDE = Symbol('bastion.fuzzOverride');

/** Strings that have broken path, ref and query handling elsewhere; mixed into every string field. */
const HOSTILE_STRINGS = [
  '',
  '.',
  '..',
  '../../../../etc/passwd',
  '/etc/passwd',
  '~',
  '~/.ssh/id_rsa',
  '-rf',
  '--upload-pack=touch /tmp/pwned',
  'a\0b',
  'C:\\Windows\\system32',
  '\u202egnp.exe',
  "'; DROP TABLE t; --",
  '%2e%2e%2f',
  'x'.repeat(5000),
  '😀'.repeat(50),
  '\n\r\t',
];

/**
 * A fast-check arbitrary for values that satisfy a tool's input JSON Schema (the draft 2020-12
 * subset the SDK emits from zod: types, enums, const, anyOf, min/max, required), leaning on
 * hostile strings. Generation, seeds and shrinking are fast-check's; this only maps the schema.
 */
export function arbitraryFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (OVERRIDE in schema) return schema[OVERRIDE] as fc.Arbitrary<unknown>;
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return fc.oneof(...union.map(arbitraryFor));
  const type = schema.type;
  if (Array.isArray(type)) return fc.oneof(...type.map((t) => arbitraryFor({ ...schema, type: t })));
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
    case 'number':
      return numberArbitrary(schema, type === 'integer');
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items as JsonSchema | undefined) ?? {};
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = Math.max(minLength, Math.min((schema.maxItems as number | undefined) ?? 3, 3));
      return fc.array(arbitraryFor(items), { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
      const required = (schema.required as string[] | undefined) ?? [];
      const shape = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, arbitraryFor(v)]));
      return fc.record(shape, { requiredKeys: required.filter((k) => k in shape) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = (schema.maxLength as number | undefined) ?? Number.POSITIVE_INFINITY;
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  const hostile = HOSTILE_STRINGS.filter(fits);
  const random = fc.string({ minLength, maxLength: Math.max(minLength, Math.min(maxLength, 40)) });
  return hostile.length ? fc.oneof(random, fc.constantFrom(...hostile)) : random;
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = schema.exclusiveMinimum as number | undefined;
  const exclusiveMax = schema.exclusiveMaximum as number | undefined;
  const min =
    (schema.minimum as number | undefined) ?? (exclusiveMin !== undefined ? exclusiveMin + 1 : -1_000_000);
  const max =
    (schema.maximum as number | undefined) ?? (exclusiveMax !== undefined ? exclusiveMax - 1 : 1_000_000);
  const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
  const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
  if (integer) return fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) });
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/** Inputs just outside the schema: a field of the wrong type, a required one missing, an unknown one, or no object at all. */
export function mutatedFrom(schema: JsonSchema): fc.Arbitrary<unknown> {
  const valid = arbitraryFor(schema) as fc.Arbitrary<Record<string, unknown>>;
  const keys = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
  const required = (schema.required as string[] | undefined) ?? [];
  const options: fc.Arbitrary<unknown>[] = [
    fc.jsonValue({ maxDepth: 3 }),
    fc
      .tuple(valid, fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }))
      .map(([v, k, x]) => ({ ...v, [`x_${k}`]: x })),
  ];
  if (keys.length) {
    options.push(
      fc
        .tuple(valid, fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }))
        .map(([v, k, x]) => ({ ...v, [k]: x })),
    );
  }
  if (required.length) {
    options.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([v, k]) => {
        const { [k]: _, ...rest } = v;
        return rest;
      }),
    );
  }
  return fc.oneof(...options);
}

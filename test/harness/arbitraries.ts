// fast-check arbitraries derived from a route's JSON schema (TypeBox output): valid inputs, and the
// mutations that must make them invalid. Only the JSON Schema keywords our routes use are understood; an
// unknown keyword makes the generator refuse the schema loudly rather than generate wrong "valid" data.
import fc from 'fast-check';

/** The subset of JSON Schema our routes use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const dates = fc.date({
  min: new Date('1920-01-01T00:00:00Z'),
  max: new Date('2030-12-31T00:00:00Z'),
  noInvalidDate: true,
});

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 200);
  let base: fc.Arbitrary<string>;
  if (schema.format === 'date') base = dates.map(day);
  else if (schema.format === 'date-time') base = dates.map((d) => d.toISOString());
  else if (schema.format === 'email') base = fc.emailAddress();
  else if (schema.format === 'uuid') base = fc.uuid();
  else if (schema.pattern) base = fc.stringMatching(new RegExp(schema.pattern));
  else base = fc.string({ unit: 'grapheme', minLength, maxLength });
  return base.filter(
    (s) =>
      s.length >= minLength &&
      s.length <= (schema.maxLength ?? Infinity) &&
      (!schema.pattern || new RegExp(schema.pattern, 'u').test(s)),
  );
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min =
    schema.minimum ??
    (schema.exclusiveMinimum !== undefined
      ? schema.exclusiveMinimum + (integer ? 1 : 0.01)
      : integer
        ? -1000
        : -1e6);
  const max =
    schema.maximum ??
    (schema.exclusiveMaximum !== undefined
      ? schema.exclusiveMaximum - (integer ? 1 : 0.01)
      : integer
        ? 1000
        : 1e6);
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc
        .double({ min, max, noNaN: true, noDefaultInfinity: true })
        .map((n) => Math.round(n * 100) / 100)
        .filter((n) => n >= min && n <= max);
}

/** An arbitrary of values valid against the schema. */
export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(validValue));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...schema, type })));
  switch (types[0]) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(validValue(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 6),
      });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) model[name] = validValue(property);
      return fc.record(model, { requiredKeys: [...required].filter((name) => name in properties) });
    }
    default:
      throw new Error(
        `schema not understood by the harness generator: ${JSON.stringify(schema).slice(0, 200)}`,
      );
  }
}

/** A value of the wrong type for a schema, which coercion cannot turn into a valid one. */
export function wrongTypeFor(schema: JsonSchema): unknown {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes('object')) return 'texte';
  // An object is never coerced to a scalar nor wrapped into an array.
  return { sc: 'mauvais type' };
}

/** The mutations of a valid object that must be rejected, each with the field the error must name. */
export function invalidMutations(
  schema: JsonSchema,
  valid: Record<string, unknown>,
): { value: Record<string, unknown>; field: string; why: string }[] {
  const mutations: { value: Record<string, unknown>; field: string; why: string }[] = [];
  if (schema.additionalProperties === false) {
    mutations.push({
      value: { ...valid, champInconnu: '<b>x</b>' },
      field: 'champInconnu',
      why: 'unknown field',
    });
  }
  for (const name of schema.required ?? []) {
    const copy = { ...valid };
    delete copy[name];
    mutations.push({ value: copy, field: name, why: 'missing required field' });
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property.anyOf || property.oneOf || property.const !== undefined || property.enum) {
      mutations.push({
        value: { ...valid, [name]: { sc: 'hors liste' } },
        field: name,
        why: 'value outside the allowed ones',
      });
      continue;
    }
    mutations.push({ value: { ...valid, [name]: wrongTypeFor(property) }, field: name, why: 'wrong type' });
  }
  return mutations;
}

/** Mutations of a query string (every value is text): unknown fields, pattern and length violations. */
export function invalidQueryMutations(
  schema: JsonSchema,
  valid: Record<string, string>,
): { value: Record<string, string>; field: string; why: string }[] {
  const mutations: { value: Record<string, string>; field: string; why: string }[] = [];
  if (schema.additionalProperties === false)
    mutations.push({ value: { ...valid, champInconnu: '1' }, field: 'champInconnu', why: 'unknown field' });
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property.pattern)
      mutations.push({
        value: { ...valid, [name]: '<script>' + '§'.repeat(3) },
        field: name,
        why: 'pattern',
      });
    if (property.maxLength !== undefined)
      mutations.push({
        value: { ...valid, [name]: 'a'.repeat(property.maxLength + 1) },
        field: name,
        why: 'too long',
      });
  }
  return mutations;
}

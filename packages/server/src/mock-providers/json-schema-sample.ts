/**
 * A minimal value valid for a JSON Schema, so that structured-output requests (AI SDK `generateObject`,
 * OpenAI `response_format`, Anthropic `output_config.format`, Gemini `responseSchema`, Ollama `format`)
 * get an answer their client validates. It covers what those clients send: `type` (also Gemini's
 * upper-case OpenAPI names and `nullable`), `properties`/`required`, `enum`, `const`, arrays with
 * `minItems`/`prefixItems`, `anyOf`/`oneOf`/`allOf`, `$ref` into `$defs`/`definitions`, string
 * formats and length, number bounds and `multipleOf`. Optional properties are left out: minimal.
 * @see https://json-schema.org/understanding-json-schema/reference
 */

type Schema = Record<string, unknown>;

const MAX_DEPTH = 12;

/** Sample strings for common `format`s, each valid for its format. */
const STRING_FORMATS: Record<string, string> = {
  'date-time': '2025-01-01T00:00:00Z',
  date: '2025-01-01',
  time: '00:00:00Z',
  duration: 'P1D',
  email: 'mock@example.com',
  hostname: 'example.com',
  ipv4: '127.0.0.1',
  ipv6: '::1',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
};

/** Returns a deterministic, minimal value that validates against `schema`. */
export function sampleJsonSchema(schema: unknown): unknown {
  return sample(schema, isSchema(schema) ? schema : {}, 0);
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Numeric constraints as `@ai-sdk/anthropic` writes them into `description` (`exclusive minimum: 0.`). */
const DESCRIBED_CONSTRAINT =
  /\b(minimum|maximum|exclusive minimum|exclusive maximum|multiple of|min length|max length|min items|max items|min properties): (-?\d+(?:\.\d+)?)/g;

/**
 * Anthropic's structured outputs reject numeric and length constraints, so `@ai-sdk/anthropic` moves
 * them into the description for the model to read, and validates the answer against the originals.
 * The mock reads them back the same way.
 */
function withDescribedConstraints(schema: Schema): Schema {
  if (typeof schema.description !== 'string' || !schema.description.includes(': ')) return schema;
  const out: Schema = { ...schema };
  for (const [, name = '', value] of schema.description.matchAll(DESCRIBED_CONSTRAINT)) {
    const key = name.replace(/ ([a-z])/g, (_, letter: string) => letter.toUpperCase());
    if (out[key] === undefined) out[key] = Number(value);
  }
  return out;
}

function sample(input: unknown, root: Schema, depth: number): unknown {
  if (input === false) return null;
  if (!isSchema(input) || depth > MAX_DEPTH) return {};
  const schema = withDescribedConstraints(input);
  if (typeof schema.$ref === 'string') return sample(resolveRef(schema.$ref, root), root, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const branches = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(branches) && branches.length > 0) return sample(pickBranch(branches), root, depth + 1);
  if (Array.isArray(schema.allOf)) return sampleAllOf(schema, schema.allOf, root, depth);
  switch (typeOf(schema)) {
    case 'object':
      return sampleObject(schema, root, depth);
    case 'array':
      return sampleArray(schema, root, depth);
    case 'string':
      return sampleString(schema);
    case 'integer':
      return sampleNumber(schema, true);
    case 'number':
      return sampleNumber(schema, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return {};
  }
}

/** Resolves a local JSON pointer such as `#/$defs/item` (the only kind the AI SDK produces). */
function resolveRef(ref: string, root: Schema): unknown {
  if (!ref.startsWith('#')) return {};
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    node = isSchema(node) ? node[key] : undefined;
  }
  return node ?? {};
}

/** Prefers a branch that is not just `null`, so `nullable` fields still show a value. */
function pickBranch(branches: unknown[]): unknown {
  return branches.find((branch) => !(isSchema(branch) && branch.type === 'null')) ?? branches[0];
}

function sampleAllOf(schema: Schema, parts: unknown[], root: Schema, depth: number): unknown {
  const { allOf: _ignored, ...rest } = schema;
  const values = [rest, ...parts].map((part) => sample(part, root, depth + 1));
  if (values.every((value) => isSchema(value))) return Object.assign({}, ...values);
  return values[values.length - 1];
}

/** The schema's type, lower-cased (Gemini's OpenAPI schemas say `OBJECT`), inferred when absent. */
function typeOf(schema: Schema): string | undefined {
  let type = schema.type;
  if (Array.isArray(type)) type = type.find((t) => String(t).toLowerCase() !== 'null') ?? type[0];
  if (typeof type === 'string') return type.toLowerCase();
  if (isSchema(schema.properties)) return 'object';
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  return undefined;
}

function sampleObject(schema: Schema, root: Schema, depth: number): Record<string, unknown> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const out: Record<string, unknown> = {};
  for (const key of required) {
    out[key] = key in properties ? sample(properties[key], root, depth + 1) : 'mock';
  }
  // minProperties: fill in optional properties, in declaration order, until there are enough.
  const min = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
  for (const key of Object.keys(properties)) {
    if (Object.keys(out).length >= min) break;
    if (!(key in out)) out[key] = sample(properties[key], root, depth + 1);
  }
  return out;
}

function sampleArray(schema: Schema, root: Schema, depth: number): unknown[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : Number.POSITIVE_INFINITY;
  // One item when allowed, so a list answer shows its shape; more only when minItems asks for them.
  const count = Math.min(Math.max(min, prefix.length, 1), max);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const itemSchema = i < prefix.length ? prefix[i] : schema.items;
    out.push(sample(itemSchema ?? {}, root, depth + 1));
  }
  return out;
}

function sampleString(schema: Schema): string {
  let value = (typeof schema.format === 'string' && STRING_FORMATS[schema.format]) || 'mock';
  if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
    value = value.padEnd(schema.minLength, 'x');
  }
  if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
    value = value.slice(0, schema.maxLength);
  }
  return value;
}

/** Zero when allowed, else the nearest bound (moved inside an exclusive one), on `multipleOf`. */
function sampleNumber(schema: Schema, integer: boolean): number {
  const num = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  const step = num('multipleOf') ?? (integer ? 1 : undefined);
  let low = num('minimum');
  const exclusiveLow = num('exclusiveMinimum');
  if (exclusiveLow !== undefined) low = Math.max(low ?? exclusiveLow, exclusiveLow + (step ?? 1e-6));
  let high = num('maximum');
  const exclusiveHigh = num('exclusiveMaximum');
  if (exclusiveHigh !== undefined) high = Math.min(high ?? exclusiveHigh, exclusiveHigh - (step ?? 1e-6));
  let value = 0;
  if (low !== undefined && value < low) value = low;
  if (high !== undefined && value > high) value = high;
  if (step !== undefined) {
    const rounded = Math.ceil(value / step) * step;
    value = high !== undefined && rounded > high ? Math.floor(value / step) * step : rounded;
  }
  return value === 0 ? 0 : value;
}

/**
 * Checks of a tool's parameter schema that every provider makes in some form: it must be an object
 * schema, and OpenAI's strict mode (structured outputs) wants every object closed and fully required.
 * @see https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 */
import { asRecord, type JsonRecord } from './json-values.js';

/** The `type` a schema declares (the first non-null of a list), as written. */
export function declaredType(schema: unknown): string | undefined {
  const type = asRecord(schema).type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  return typeof type === 'string' ? type : undefined;
}

/** Whether `schema` is a JSON Schema object of `type: "object"` (Gemini writes `OBJECT`). */
export function isObjectSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && declaredType(schema)?.toLowerCase() === 'object';
}

/**
 * The first breach of OpenAI's strict-mode rules in `schema`, as `[context, problem]`, or `undefined`:
 * every object needs `additionalProperties: false` and a `required` listing every property.
 */
export function findStrictSchemaProblem(schema: unknown, context: string[] = []): string | undefined {
  const node = asRecord(schema);
  const where = `In context=(${context.map((part) => `'${part}'`).join(', ')})`;
  if (declaredType(node) === 'object' || node.properties !== undefined) {
    if (node.additionalProperties !== false)
      return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
    const properties = Object.keys(asRecord(node.properties));
    const required = Array.isArray(node.required) ? node.required : [];
    const missing = properties.filter((key) => !required.includes(key));
    if (missing.length > 0)
      return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
  }
  for (const [key, child] of childSchemas(node)) {
    const problem = findStrictSchemaProblem(child, [...context, ...key]);
    if (problem) return problem;
  }
  return undefined;
}

function childSchemas(node: JsonRecord): Array<[string[], unknown]> {
  const out: Array<[string[], unknown]> = [];
  for (const [name, child] of Object.entries(asRecord(node.properties)))
    out.push([['properties', name], child]);
  if (node.items !== undefined) out.push([['items'], node.items]);
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = node[keyword];
    if (!Array.isArray(branches)) continue;
    branches.forEach((branch, i) => {
      out.push([[keyword, String(i)], branch]);
    });
  }
  for (const defs of ['$defs', 'definitions'] as const)
    for (const [name, child] of Object.entries(asRecord(node[defs]))) out.push([[defs, name], child]);
  return out;
}

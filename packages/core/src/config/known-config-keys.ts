import type { z } from 'zod';
import { configSchema } from './config-schema.js';

type Path = ReadonlyArray<string | number>;
type AnySchema = z.core.$ZodType;

/** Steps through wrappers (`optional`, `nullable`, `default`, `pipe`) to the schema that holds the shape. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema };
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

function childSchema(schema: AnySchema, key: string | number): AnySchema | undefined {
  const def = unwrap(schema)._zod.def as {
    type: string;
    shape?: Record<string, AnySchema>;
    catchall?: AnySchema;
    valueType?: AnySchema;
    element?: AnySchema;
  };
  if (def.type === 'object') {
    const known = def.shape?.[String(key)];
    if (known) return known;
    return def.catchall && def.catchall._zod.def.type !== 'never' ? def.catchall : undefined;
  }
  if (def.type === 'record') return def.valueType;
  if (def.type === 'array') return def.element;
  return undefined;
}

/**
 * The keys the config schema defines for the mapping at `path` (`['server']` -> host, port, ...), read from
 * the schema itself so hints never drift from what is accepted. Empty when the path is not a fixed mapping.
 */
export function knownConfigKeys(path: Path): string[] {
  let schema: AnySchema | undefined = configSchema;
  for (const key of path) {
    schema = schema && childSchema(schema, key);
    if (!schema) return [];
  }
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, AnySchema> };
  return def.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

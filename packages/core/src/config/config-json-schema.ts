import { z } from 'zod';
import { configSchema } from './config-schema.js';

/** The published JSON Schema of the config file, generated from the zod schema that validates it. */
export function createConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    $comment:
      'Generated from packages/core/src/config/config-schema.ts by "switchboard config schema"; do not edit.',
    ...schema,
    $id: 'https://switchboard.dev/schema/config-v2.json',
    title: 'Switchboard configuration (version 2)',
  };
}

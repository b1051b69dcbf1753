import { createConfigJsonSchema } from '@switchboard/core';
import type { CliIo } from '../cli-io.js';

/** `switchboard config schema`: the JSON Schema of the config file, for editors. */
export async function configSchema(io: CliIo): Promise<number> {
  io.out(`${JSON.stringify(createConfigJsonSchema(), null, 2)}\n`);
  return 0;
}

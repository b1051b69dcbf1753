import { parseModelId, type Registry } from '@switchboard/core';

export type { Registry };

/** A model ID's provider and name, or undefined when the text is not a model ID (no colon, bad provider). */
export function splitModelIdSafe(model: string): { provider: string; name: string } | undefined {
  try {
    return parseModelId(model);
  } catch {
    return undefined;
  }
}

import type { RuntimeDefaults } from '@switchboard/core';

/** Prefix of a capability-wide runtime default's key; task names never hold `:`, so keys cannot clash. */
export const CAPABILITY_KEY_PREFIX = 'capability:';

/** The `default_overrides.task` key for a capability-wide default: `capability:chat`. */
export function capabilityOverrideKey(capability: string): string {
  return `${CAPABILITY_KEY_PREFIX}${capability}`;
}

/** Splits the overrides into what `resolveModel` takes: by task name and by capability. Frozen. */
export function toRuntimeDefaults(
  overrides: Iterable<{ key: string; modelId: string }>,
): Required<RuntimeDefaults> {
  const tasks: Array<[string, string]> = [];
  const capabilities: Array<[string, string]> = [];
  for (const { key, modelId } of overrides) {
    if (key.startsWith(CAPABILITY_KEY_PREFIX))
      capabilities.push([key.slice(CAPABILITY_KEY_PREFIX.length), modelId]);
    else tasks.push([key, modelId]);
  }
  // fromEntries defines own data properties, so no key can reach the prototype.
  return {
    tasks: Object.freeze(Object.fromEntries(tasks)),
    capabilities: Object.freeze(Object.fromEntries(capabilities)),
  };
}

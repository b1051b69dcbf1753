import type { Registry } from '@switchboard/core';

/**
 * The registry in force. It changes without a restart when discovery lists a provider's models; readers take
 * `current` per request, and caches key on `version`.
 */
export interface RegistryState {
  readonly current: Registry;
  /** Increases with every `replace`. */
  readonly version: number;
  replace(next: Registry): void;
}

export function createRegistryState(initial: Registry): RegistryState {
  let current = initial;
  let version = 0;
  return {
    get current() {
      return current;
    },
    get version() {
      return version;
    },
    replace(next) {
      current = next;
      version++;
    },
  };
}

import type { Registry } from '@switchboard/core';

/**
 * The registry in force. It changes without a restart when discovery lists a provider's models or a
 * catalogue import changes the facts; readers take `current` per request, and caches key on `version`.
 */
export interface RegistryState {
  readonly current: Registry;
  /** What the config and the imported catalogue build, before discovery adds the models it listed. */
  readonly base: Registry;
  /** Increases with every `replace` and `replaceBase`. */
  readonly version: number;
  replace(next: Registry): void;
  /** A new base (the catalogue changed): `current` becomes it, then listeners (discovery) add theirs on top. */
  replaceBase(next: Registry): void;
  /** Calls `listener` after every `replaceBase`; returns the unsubscribe function. */
  onBaseReplaced(listener: () => void): () => void;
}

export function createRegistryState(initial: Registry): RegistryState {
  let current = initial;
  let base = initial;
  let version = 0;
  const listeners = new Set<() => void>();
  return {
    get current() {
      return current;
    },
    get base() {
      return base;
    },
    get version() {
      return version;
    },
    replace(next) {
      current = next;
      version++;
    },
    replaceBase(next) {
      base = next;
      current = next;
      version++;
      for (const listener of [...listeners]) listener();
    },
    onBaseReplaced(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import { type Resolution, resolveModel } from '@switchboard/core';
import type { ResolutionCache } from '../store/resolution-cache.js';
import type { RegistryState } from './registry-state.js';

export interface ResolveRequest {
  userId: string;
  /** The request's `model`, if any. */
  override?: string | null | undefined;
}

/** `resolveModel` fed from the registry in force and the cache of preferences and runtime defaults. */
export interface Resolver {
  resolve(task: string, request: ResolveRequest): Promise<Resolution>;
}

/** The providers a user holds their own key for; read per call, never cached with the preferences. */
export type OwnKeysOf = (userId: string) => ReadonlySet<string> | undefined;

export function createResolver(
  registry: RegistryState,
  cache: ResolutionCache,
  ownKeysOf: OwnKeysOf = () => undefined,
): Resolver {
  return {
    async resolve(task, { userId, override }) {
      // An override wins outright, so the user's preferences need not be read at all.
      const preferences = override ? undefined : (cache.peek(userId) ?? (await cache.load(userId)));
      return resolveModel(registry.current, task, {
        override,
        preference: preferences?.tasks[task],
        runtimeDefaults: cache.runtimeDefaults,
        ownKeys: ownKeysOf(userId),
      });
    },
  };
}

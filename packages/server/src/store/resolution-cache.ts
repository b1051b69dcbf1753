import type { RuntimeDefaults } from '@switchboard/core';
import type { ChangeEvent } from './change-feed.js';
import type { Store } from './create-store.js';
import { toRuntimeDefaults } from './default-override-key.js';
import { createInternPool } from './intern-pool.js';
import { createLruMap, type LruEntry } from './lru-map.js';
import type { UserPreferences } from './preferences-repository.js';

/** Users whose preferences are kept in memory, by default. */
export const DEFAULT_CACHED_USERS = 100_000;
/** Wait before reading the runtime defaults again after a failed reload (a database blip). */
export const DEFAULTS_RETRY_MS = 1_000;

/** One user's preferences as `resolveModel` wants them: task -> model ID. */
export interface CachedPreferences {
  readonly version: number;
  readonly tasks: Readonly<Record<string, string>>;
}

/** What the cache did after hearing of a change; tests wait for these. */
export type CacheEvent =
  | { kind: 'preferences'; userId: string; origin: 'local' | 'remote' }
  | { kind: 'defaults'; origin: 'local' | 'remote' }
  /** Everything was dropped: the listener was `lost`, or came back (`resync`) after missing notifications. */
  | { kind: 'cleared'; reason: 'lost' | 'resync' };

export interface ResolutionCacheOptions {
  /** Default `DEFAULT_CACHED_USERS` (100,000). */
  maxUsers?: number;
  /** Hears of failed background reloads (the stale entry is dropped, never kept). */
  onError?: (error: unknown) => void;
}

/**
 * Preferences and runtime defaults in memory, for `resolveModel`:
 * ```ts
 * const prefs = cache.peek(userId) ?? (await cache.load(userId));
 * resolveModel(registry, task, { override, preference: prefs.tasks[task], runtimeDefaults: cache.runtimeDefaults });
 * ```
 */
export interface ResolutionCache {
  /** The user's cached preferences, or undefined on a miss. Synchronous: the warm path. */
  peek(userId: string): CachedPreferences | undefined;
  /** Reads through on a miss (one read per user in flight, however many callers). */
  load(userId: string): Promise<CachedPreferences>;
  /** Every runtime default, by task and by capability. Always present, synchronous. */
  readonly runtimeDefaults: Required<RuntimeDefaults>;
  /** Users currently cached. */
  readonly size: number;
  /** Calls `listener` after each change has been applied; returns the unsubscribe function. */
  onApplied(listener: (event: CacheEvent) => void): () => void;
  /** Stops following the store's changes and empties the cache. */
  close(): void;
}

/** A cached user; the LRU's reference bit lives on it so a warm read touches one object, not two. */
type CacheEntry = CachedPreferences & LruEntry;

function toEntry(preferences: UserPreferences, intern: (value: string) => string): CacheEntry {
  const tasks = Object.fromEntries(
    Object.entries(preferences.tasks).map(([task, pref]) => [intern(task), intern(pref.modelId)]),
  );
  const entry = { version: preferences.version, tasks: Object.freeze(tasks) } as CacheEntry;
  // Not enumerable: callers (and JSON) see only what `CachedPreferences` promises.
  return Object.defineProperty(entry, 'used', { value: false, writable: true, enumerable: false });
}

/**
 * Creates the cache and loads the runtime defaults. It follows `store.changes`: a write (here, or on
 * another instance through NOTIFY) drops the user's entry and, if it was cached, reloads it in the
 * background; a defaults change reloads all defaults. A read that was in flight when its user changed is
 * not kept. While the PostgreSQL listener is disconnected nothing is kept, and on reconnect everything is
 * dropped, since notifications sent meanwhile were lost.
 */
export async function createResolutionCache(
  store: Pick<Store, 'preferences' | 'defaultOverrides' | 'changes'>,
  options: ResolutionCacheOptions = {},
): Promise<ResolutionCache> {
  const onError = options.onError ?? (() => {});
  const entries = createLruMap<string, CacheEntry>(options.maxUsers ?? DEFAULT_CACHED_USERS);
  const loading = new Map<string, Promise<CachedPreferences>>();
  const intern = createInternPool();
  const listeners = new Set<(event: CacheEvent) => void>();
  let runtimeDefaults = toRuntimeDefaults([]);
  let defaultsLoading: Promise<void> | undefined;
  let defaultsDirty = false;
  let defaultsRetry: NodeJS.Timeout | undefined;
  let closed = false;

  const applied = (event: CacheEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        onError(error);
      }
    }
  };

  const load = (userId: string): Promise<CachedPreferences> => {
    const cached = entries.get(userId);
    if (cached) return Promise.resolve(cached);
    const inFlight = loading.get(userId);
    if (inFlight) return inFlight;
    const read: Promise<CachedPreferences> = store.preferences.get(userId).then(
      (preferences) => {
        const entry = toEntry(preferences, intern);
        // An invalidation while this read was in flight removed it from `loading`: it may be stale.
        if (loading.get(userId) === read) {
          loading.delete(userId);
          if (store.changes.connected) entries.set(userId, entry);
        }
        return entry;
      },
      (error: unknown) => {
        if (loading.get(userId) === read) loading.delete(userId);
        throw error;
      },
    );
    loading.set(userId, read);
    return read;
  };

  const reloadDefaults = (): Promise<void> => {
    if (defaultsLoading) {
      defaultsDirty = true;
      return defaultsLoading;
    }
    defaultsLoading = (async () => {
      do {
        defaultsDirty = false;
        runtimeDefaults = toRuntimeDefaults(await store.defaultOverrides.list());
      } while (defaultsDirty);
    })().finally(() => {
      defaultsLoading = undefined;
    });
    return defaultsLoading;
  };

  /** Reloads the defaults; on failure keeps the old ones and tries again until it works, never giving up. */
  const refreshDefaults = (): Promise<void> =>
    reloadDefaults().catch((error: unknown) => {
      onError(error);
      if (defaultsRetry || closed) return;
      defaultsRetry = setTimeout(() => {
        defaultsRetry = undefined;
        if (!closed) void refreshDefaults();
      }, DEFAULTS_RETRY_MS);
      defaultsRetry.unref();
    });

  const dropAll = () => {
    entries.clear();
    loading.clear();
  };

  const handle = (event: ChangeEvent) => {
    if (event.type === 'lost') {
      dropAll();
      applied({ kind: 'cleared', reason: 'lost' });
    } else if (event.type === 'resync') {
      dropAll();
      refreshDefaults().finally(() => applied({ kind: 'cleared', reason: 'resync' }));
    } else if (event.change.kind === 'defaults') {
      const { origin } = event;
      refreshDefaults().finally(() => applied({ kind: 'defaults', origin }));
    } else if (event.change.kind === 'preferences') {
      const { userId } = event.change;
      const done = () => applied({ kind: 'preferences', userId, origin: event.origin });
      const wasCached = entries.delete(userId);
      loading.delete(userId);
      // Refresh what was warm, so the next resolve for this user stays on the synchronous path.
      if (wasCached && store.changes.connected) load(userId).catch(onError).finally(done);
      else done();
    }
  };

  // Subscribe first: a defaults change during the first load marks it dirty instead of going unheard.
  const unsubscribe = store.changes.subscribe(handle);
  try {
    await reloadDefaults();
  } catch (error) {
    unsubscribe();
    throw error;
  }

  return {
    peek: (userId) => entries.get(userId),
    load,
    get runtimeDefaults() {
      return runtimeDefaults;
    },
    get size() {
      return entries.size;
    },
    onApplied(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (defaultsRetry) clearTimeout(defaultsRetry);
      unsubscribe();
      dropAll();
      listeners.clear();
    },
  };
}

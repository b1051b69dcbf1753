/**
 * What a committed write changed: one user's preferences, the runtime defaults, the runtime limit rules,
 * the imported catalogue, a provider's runtime keys or one user's own keys.
 */
export type StoreChange =
  | { kind: 'preferences'; userId: string }
  | { kind: 'defaults' }
  | { kind: 'limits' }
  | { kind: 'catalog' }
  /** A provider's runtime keys (`provider_keys`) changed. */
  | { kind: 'provider_keys'; provider: string }
  /** One user's own provider keys (`user_provider_keys`) changed. */
  | { kind: 'user_provider_keys'; userId: string };

/** What subscribers of the change feed hear. */
export type ChangeEvent =
  /** A write committed, by this instance (`local`) or, on PostgreSQL, another one (`remote`). */
  | { type: 'change'; change: StoreChange; origin: 'local' | 'remote' }
  /** The PostgreSQL listener lost its connection: other instances' writes may go unheard until `resync`. */
  | { type: 'lost'; error: Error }
  /** The listener is back: writes made while it was away were not heard, so anything cached may be stale. */
  | { type: 'resync' };

/** Subscribes to committed changes; a cache built on it stays correct across instances. */
export interface ChangeFeed {
  /** Calls `listener` for every event, synchronously and in order; returns the unsubscribe function. */
  subscribe(listener: (event: ChangeEvent) => void): () => void;
  /**
   * True when every committed change will be heard: always on SQLite (one process owns the file, or the
   * workers of `server.workers` share it and relay their changes, `store/change-relay.ts`), and on
   * PostgreSQL while the listener is connected. A cache must not keep what it reads while this is false.
   */
  readonly connected: boolean;
}

/** The feed plus the two operations only the store itself performs. */
export interface ChangeFeedController extends ChangeFeed {
  emit(event: ChangeEvent): void;
  setConnected(connected: boolean): void;
}

/**
 * Creates the in-process change feed. A throwing subscriber is reported to `onError` and does not stop
 * the others: a broken cache must not make a committed write look failed.
 */
export function createChangeFeed(onError: (error: unknown) => void = () => {}): ChangeFeedController {
  const listeners = new Set<(event: ChangeEvent) => void>();
  let connected = true;
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get connected() {
      return connected;
    },
    setConnected(value) {
      connected = value;
    },
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}

import type { ChangeFeedController, StoreChange } from './change-feed.js';

/**
 * Carries committed changes between processes that share one SQLite file (the workers of
 * `server.workers`), which has no NOTIFY of its own. PostgreSQL stores do not use it: LISTEN/NOTIFY already
 * reaches every process.
 */
export interface ChangeRelay {
  /** Tells the other processes of a change this one committed. */
  publish(change: StoreChange): void;
  /** Hears the other processes' changes; returns the unsubscribe function. */
  subscribe(listener: (change: StoreChange) => void): () => void;
}

/**
 * Connects a store's feed to a relay: this process's committed changes go out, the others' come in as
 * `remote` changes, so a resolution cache drops what another worker changed. Returns the disconnect.
 */
export function connectChangeRelay(feed: ChangeFeedController, relay: ChangeRelay): () => void {
  const stopPublishing = feed.subscribe((event) => {
    if (event.type === 'change' && event.origin === 'local') relay.publish(event.change);
  });
  const stopHearing = relay.subscribe((change) => feed.emit({ type: 'change', change, origin: 'remote' }));
  return () => {
    stopPublishing();
    stopHearing();
  };
}

/** What the map keeps on each value: its CLOCK reference bit. */
export interface LruEntry {
  /** Set by every read; cleared when the eviction hand passes (the entry's second chance). */
  used: boolean;
}

/** A map that holds at most `maxSize` entries, dropping ones not read recently first. */
export interface LruMap<K, V extends LruEntry> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): void;
  delete(key: K): boolean;
  clear(): void;
  readonly size: number;
}

/**
 * Creates a bounded map with CLOCK ("second chance") eviction, the usual approximation of LRU. A read is
 * one `Map.get` and a flag write on the value itself: no reordering, no allocation, no wrapper object to
 * chase, which is what keeps the warm resolve path fast (true LRU deletes and re-inserts on every read).
 * When full, the hand walks from the oldest entry: one read since the hand last passed is cleared and
 * moved to the young end, the first one not read is dropped.
 */
export function createLruMap<K, V extends LruEntry>(maxSize: number): LruMap<K, V> {
  if (!(maxSize >= 1)) throw new RangeError(`LRU size must be at least 1, got ${maxSize}`);
  const entries = new Map<K, V>();

  const evictOne = () => {
    // Terminates: each step clears a flag, so within size + 1 steps some entry is unread.
    for (const [key, entry] of entries) {
      entries.delete(key);
      if (!entry.used) return;
      entry.used = false;
      entries.set(key, entry);
    }
  };

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry !== undefined) entry.used = true;
      return entry;
    },
    has: (key) => entries.has(key),
    set(key, value) {
      if (entries.has(key)) entries.delete(key);
      else if (entries.size >= maxSize) evictOne();
      value.used = false;
      entries.set(key, value);
    },
    delete: (key) => entries.delete(key),
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
